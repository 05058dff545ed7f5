// Folding on a phone: a button with data-fold="<selector>" folds the element
// it names (the top bar's navigation, the users table's filters) behind
// itself. The script marks that element fold-collapsible and shows the
// button; the CSS hides the folded parts only at phone width, so a wide
// screen, or a browser without this script, shows everything. Escape folds
// an element marked data-fold-escape and gives the button its focus back.
(function () {
  "use strict";
  function setup(root) {
    root.querySelectorAll("button[data-fold]").forEach(function (button) {
      var box = document.querySelector(button.dataset.fold);
      if (!box || button.dataset.foldReady) { return; }
      button.dataset.foldReady = "1";
      box.classList.add("fold-collapsible");
      button.hidden = false;
      function toggle(open) {
        box.classList.toggle("fold-open", open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
      }
      toggle(box.classList.contains("fold-open"));
      button.addEventListener("click", function () {
        toggle(!box.classList.contains("fold-open"));
      });
      if (box.hasAttribute("data-fold-escape")) {
        box.addEventListener("keydown", function (e) {
          if (e.key === "Escape" && box.classList.contains("fold-open")) {
            toggle(false);
            button.focus();
          }
        });
      }
    });
  }
  function all() { setup(document); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
  // A block swapped in by htmx (the users page after "Show them") brings its own button.
  document.addEventListener("htmx:load", function (e) { setup(e.detail.elt.parentNode || document); });
})();
