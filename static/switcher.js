// The customer switcher in the top bar: a disclosure button opening a filter
// box and the tenants the person may act in (an htmx fragment). Enter or
// Space opens it, the arrow keys move from the box through the links, Enter
// follows one, Escape or a click elsewhere closes it and focus goes back to
// the button.
(function () {
  "use strict";
  function parts() {
    var root = document.querySelector("[data-switcher]");
    if (!root) { return null; }
    return {
      root: root,
      button: root.querySelector(".switcher-button"),
      panel: root.querySelector(".switcher-panel"),
      input: root.querySelector("input[type=search]"),
      results: root.querySelector(".switcher-results")
    };
  }
  function isOpen(s) { return s.button.getAttribute("aria-expanded") === "true"; }
  function open(s) {
    s.button.setAttribute("aria-expanded", "true");
    s.panel.hidden = false;
    if (!s.results.dataset.loaded && window.htmx) {
      // The first list comes from the filter box itself, so a request for
      // what is typed next replaces it rather than racing it.
      s.results.dataset.loaded = "1";
      window.htmx.trigger(s.input, "search");
    }
    s.input.focus();
  }
  function close(s, refocus) {
    s.button.setAttribute("aria-expanded", "false");
    s.panel.hidden = true;
    if (refocus) { s.button.focus(); }
  }
  function links(s) { return Array.prototype.slice.call(s.results.querySelectorAll("a")); }

  document.addEventListener("click", function (e) {
    var s = parts();
    if (!s) { return; }
    if (s.button.contains(e.target)) {
      if (isOpen(s)) { close(s, true); } else { open(s); }
      return;
    }
    if (isOpen(s) && !s.root.contains(e.target)) { close(s, false); }
  });
  document.addEventListener("keydown", function (e) {
    var s = parts();
    if (!s || !isOpen(s) || !s.root.contains(document.activeElement)) { return; }
    var list = links(s);
    var at = list.indexOf(document.activeElement);
    switch (e.key) {
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        close(s, true);
        return;
      case "ArrowDown":
        if (list.length === 0) { return; }
        e.preventDefault();
        list[at < 0 ? 0 : Math.min(at + 1, list.length - 1)].focus();
        return;
      case "ArrowUp":
        if (at < 0) { return; }
        e.preventDefault();
        if (at === 0) { s.input.focus(); } else { list[at - 1].focus(); }
        return;
      case "Home":
      case "End":
        if (at < 0 || list.length === 0) { return; }
        e.preventDefault();
        list[e.key === "Home" ? 0 : list.length - 1].focus();
        return;
      case "Enter":
        // Enter in the box opens the first tenant listed.
        if (document.activeElement === s.input && list.length > 0) {
          e.preventDefault();
          list[0].click();
        }
        return;
    }
  });
  // Tabbing out of the panel closes it.
  document.addEventListener("focusin", function (e) {
    var s = parts();
    if (s && isOpen(s) && !s.root.contains(e.target)) { close(s, false); }
  });
})();
