// Unsaved profile edits in the user sidebar are not lost without a word:
// Escape or the close button, with a changed profile form, asks first (a
// small question inside the sidebar, keyboard usable). Without changes the
// sidebar closes as before (app.js). Runs in the capture phase, so before
// app.js's own listeners.
(function () {
  "use strict";
  var bypass = false;

  function changed(form) {
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (el.disabled || el.type === "hidden") { continue; }
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked !== el.defaultChecked) { return true; }
      } else if (el.tagName === "SELECT") {
        for (var j = 0; j < el.options.length; j++) {
          if (el.options[j].selected !== el.options[j].defaultSelected) { return true; }
        }
      } else if ("defaultValue" in el && el.value !== el.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function guarded() {
    var form = document.querySelector("#sidebar form[data-unsaved-guard]");
    return form && changed(form) ? form : null;
  }

  function closeNow() {
    var close = document.querySelector("#sidebar [data-close-sidebar]");
    if (!close) { return; }
    bypass = true;
    try { close.click(); } finally { bypass = false; }
  }

  function keepEditing(form, ask) {
    ask.remove();
    var field = form.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])");
    if (field) { field.focus(); }
  }

  function askFirst(form) {
    var ask = document.getElementById("discard-ask");
    if (ask) { ask.querySelector("[data-keep]").focus(); return; }
    ask = document.createElement("div");
    ask.id = "discard-ask";
    ask.className = "discard-ask";
    ask.setAttribute("role", "alertdialog");
    ask.setAttribute("aria-labelledby", "discard-ask-q");
    var q = document.createElement("p");
    q.id = "discard-ask-q";
    q.textContent = form.dataset.discardQuestion;
    var actions = document.createElement("div");
    actions.className = "form-actions";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "danger";
    discard.id = "discard-yes";
    discard.textContent = form.dataset.discardYes;
    var keep = document.createElement("button");
    keep.type = "button";
    keep.className = "primary";
    keep.id = "discard-no";
    keep.setAttribute("data-keep", "");
    keep.textContent = form.dataset.discardNo;
    actions.appendChild(keep);
    actions.appendChild(discard);
    ask.appendChild(q);
    ask.appendChild(actions);
    discard.addEventListener("click", function () { ask.remove(); closeNow(); });
    keep.addEventListener("click", function () { keepEditing(form, ask); });
    ask.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { // Escape on the question: keep editing
        e.preventDefault();
        e.stopImmediatePropagation();
        keepEditing(form, ask);
      }
    });
    form.parentNode.insertBefore(ask, form);
    keep.focus();
  }

  window.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || bypass || !document.querySelector("#sidebar .panel")) { return; }
    if (e.target.closest && e.target.closest("#discard-ask")) { return; }
    var form = guarded();
    if (!form) { return; }
    e.preventDefault();
    e.stopImmediatePropagation();
    askFirst(form);
  }, true);

  window.addEventListener("click", function (e) {
    if (bypass || !e.target.closest || !e.target.closest("#sidebar [data-close-sidebar]")) { return; }
    var form = guarded();
    if (!form) { return; }
    e.preventDefault();
    e.stopImmediatePropagation();
    askFirst(form);
  }, true);
})();
