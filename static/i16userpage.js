// The user page's tabs (issue 16): arrow keys, Home and End move between
// tabs as the ARIA tabs pattern says; each tab is a link, so Enter (or a
// click) opens it through htmx, and everything works without this file.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var tab = e.target.closest && e.target.closest('.i16up-tabs [role="tab"]');
    if (!tab) return;
    var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll('[role="tab"]'));
    var i = tabs.indexOf(tab), next = -1;
    switch (e.key) {
      case "ArrowRight": next = (i + 1) % tabs.length; break;
      case "ArrowLeft": next = (i - 1 + tabs.length) % tabs.length; break;
      case "Home": next = 0; break;
      case "End": next = tabs.length - 1; break;
      default: return;
    }
    e.preventDefault();
    tabs.forEach(function (t, j) { t.setAttribute("tabindex", j === next ? "0" : "-1"); });
    tabs[next].focus();
  });
})();
