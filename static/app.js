// Console's only script: CSRF header for htmx, sidebar focus and closing, toasts.
(function () {
  "use strict";
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : "";
  }
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf();
  });

  var opener = null;
  document.addEventListener("click", function (e) {
    var edit = e.target.closest('[hx-target="#sidebar"]');
    if (edit) { opener = edit; }
    var close = e.target.closest("[data-close-sidebar]");
    if (close) {
      e.preventDefault();
      closeSidebar();
    }
  });
  function closeSidebar() {
    var s = document.getElementById("sidebar");
    if (!s || !s.firstElementChild) { return; }
    s.innerHTML = "";
    if (location.pathname !== "/users") {
      history.replaceState(history.state, "", "/users" + location.search);
    }
    if (opener && document.body.contains(opener)) { opener.focus(); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.querySelector("#sidebar .panel")) { closeSidebar(); }
  });
  // After the sidebar opens, move focus into it; after a save, to its message.
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target.id !== "sidebar") { return; }
    var s = e.detail.target;
    var focus = s.querySelector('[role="alert"], [role="status"]') ? s.querySelector("h2") : s.querySelector("input:not([type=hidden]):not([disabled]), select");
    if (focus) {
      if (focus.tagName === "H2") { focus.setAttribute("tabindex", "-1"); }
      focus.focus();
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
  document.addEventListener("htmx:sendError", function () { toast(document.documentElement.lang === "fr" ? "Le serveur ne répond pas." : "The server did not answer."); });
})();
