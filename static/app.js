// Console's only script: the CSRF header for htmx, keeping keyboard focus
// across swaps, the sidebar's focus and closing, and toasts.
(function () {
  "use strict";
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : "";
  }
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf();
  });

  // The element that opened the sidebar, by id: rows are re-rendered after a
  // change, so the element itself may be gone when the sidebar closes.
  var openerId = null;
  document.addEventListener("click", function (e) {
    var edit = e.target.closest('[hx-target="#sidebar"]');
    if (edit && edit.id) { openerId = edit.id; }
    if (e.target.closest("[data-close-sidebar]")) {
      e.preventDefault();
      closeSidebar();
    }
  });
  function closeSidebar() {
    var s = document.getElementById("sidebar");
    if (!s || !s.firstElementChild) { return; }
    s.innerHTML = "";
    // Back to the users page of the tenant acted in: /t/<slug>/users.
    var users = location.pathname.replace(/\/users\/.*$/, "/users");
    if (location.pathname !== users) {
      history.replaceState(history.state, "", users + location.search);
    }
    var opener = openerId && document.getElementById(openerId);
    if (opener) { opener.focus(); } else { document.getElementById("main").focus(); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.querySelector("#sidebar .panel")) { closeSidebar(); }
  });

  // A swap that replaces the focused control (a role switch, a row's button)
  // would drop focus to the page; put it back on the control with the same id.
  // A table swapped by its own sort header or pager link gets the control
  // back (same id); if that control is gone (Next on the last page), the
  // table itself takes focus rather than <body>. After a mouse click the
  // page is not scrolled to the control, so a pager's "show:window:top" holds.
  var focusedId = null, focusedIn = null, byKeyboard = false;
  document.addEventListener("keydown", function () { byKeyboard = true; }, true);
  document.addEventListener("pointerdown", function () { byKeyboard = false; }, true);
  document.addEventListener("htmx:beforeSwap", function (e) {
    var a = document.activeElement;
    focusedId = a && a.id && a !== document.body ? a.id : null;
    var t = e.detail && e.detail.target;
    focusedIn = t && t.id && a && a !== document.body && t.contains(a) ? t.id : null;
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    var target = e.detail && e.detail.target;
    var refusal = target && target.id === "sidebar" && target.querySelector('[role="alert"]');
    if (refusal) {
      // A refusal is read where it is, wherever the button that caused it was.
      refusal.setAttribute("tabindex", "-1");
      refusal.focus();
      refusal.scrollIntoView({ block: "nearest" });
      return;
    }
    if (target && target.id === "sidebar" && !target.contains(document.activeElement)) {
      // The sidebar just opened or changed: focus its message, else its first field.
      var msg = target.querySelector('[role="status"]');
      var first = target.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled])");
      var h = target.querySelector("h2");
      if (msg && h) { h.setAttribute("tabindex", "-1"); h.focus(); } else if (first) { first.focus(); }
      return;
    }
    if (document.activeElement === document.body || !document.activeElement) {
      var el = focusedId && document.getElementById(focusedId);
      if (!el && focusedIn) {
        el = document.getElementById(focusedIn);
        if (el && !el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
      }
      if (el) { el.focus({ preventScroll: !byKeyboard }); }
    }
  });

  function toast(msg) {
    var t = document.getElementById("toast");
    if (!t) {
      t = document.createElement("div");
      t.id = "toast";
      t.setAttribute("role", "alert");
      document.body.appendChild(t);
    }
    t.textContent = msg;
    t.className = "show";
    clearTimeout(t._timer);
    t._timer = setTimeout(function () { t.className = ""; }, 6000);
  }
  document.addEventListener("console:toast", function (e) { toast(e.detail.value); });
  document.addEventListener("htmx:responseError", function (e) {
    var xhr = e.detail.xhr;
    if (xhr.getResponseHeader("HX-Trigger")) { return; }
    toast(xhr.responseText && xhr.responseText.length < 300 ? xhr.responseText : "Error " + xhr.status);
  });
  document.addEventListener("htmx:sendError", function () {
    toast(document.documentElement.lang === "fr" ? "Le serveur ne répond pas." : "The server did not answer.");
  });
})();
