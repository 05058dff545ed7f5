// The top bar's navigation on a phone: folded behind one button named after
// the section shown; the button opens and closes it, Escape closes it and
// gives the button its focus back. On a wide screen the button stays hidden
// (CSS) and the links show in a row.
(function () {
  "use strict";
  function setup() {
    var button = document.getElementById("nav-toggle");
    var bar = button && button.closest(".topbar");
    if (!bar || bar.classList.contains("nav-collapsible")) { return; }
    bar.classList.add("nav-collapsible");
    button.hidden = false;
    function toggle(open) {
      bar.classList.toggle("nav-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      toggle(!bar.classList.contains("nav-open"));
    });
    bar.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && bar.classList.contains("nav-open")) {
        toggle(false);
        button.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
