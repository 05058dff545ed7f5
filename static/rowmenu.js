// The users table's row menus (views/user_row.templ): keyboard navigation,
// right-click, closing; and telling the server which person the sidebar
// shows, so a change made from a row refreshes the sidebar too.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (e) {
    var panel = document.querySelector("#sidebar #user-panel");
    if (panel && panel.dataset.row) { e.detail.headers["X-Sidebar-User"] = panel.dataset.row; }
  });

  function items(menu) { return Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]')); }
  function closeAll(except) {
    document.querySelectorAll("details.row-menu[open]").forEach(function (d) {
      if (d !== except) { d.open = false; }
    });
  }
  function open(menu) {
    closeAll(menu);
    menu.dataset.keys = "1"; // opened by the keyboard or right-click: its items take the focus
    menu.open = true;
    var first = items(menu)[0];
    if (first) { first.focus(); }
  }
  // Enter, Space or ArrowDown on the ⋯ button opens the menu on its first
  // item. Enter and Space open it when the key comes up: opened on the way
  // down, the same key press would also run the item it lands on.
  function summaryOf(e) { return e.target.closest && e.target.closest("details.row-menu > summary"); }
  document.addEventListener("keyup", function (e) {
    var summary = summaryOf(e);
    if (summary && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(summary.parentElement); }
  });
  document.addEventListener("keydown", function (e) {
    var summary = summaryOf(e);
    if (summary && (e.key === "ArrowDown" || e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      if (e.key === "ArrowDown") { open(summary.parentElement); }
      return;
    }
    var menu = e.target.closest && e.target.closest("details.row-menu[open]");
    if (!menu) { return; }
    var list = items(menu), i = list.indexOf(document.activeElement);
    if (!list.length && e.key !== "Escape" && e.key !== "Tab") { return; } // its items have not arrived, or none applies now
    switch (e.key) {
      case "ArrowDown": e.preventDefault(); list[(i + 1) % list.length].focus(); break;
      case "ArrowUp": e.preventDefault(); list[(i - 1 + list.length) % list.length].focus(); break;
      case "Home": e.preventDefault(); list[0].focus(); break;
      case "End": e.preventDefault(); list[list.length - 1].focus(); break;
      case "Escape":
        e.preventDefault();
        e.stopPropagation(); // the menu closes, not the sidebar
        menu.open = false;
        menu.querySelector("summary").focus();
        break;
      case "Tab": menu.open = false; break;
    }
  }, true);
  // A right-click on a row opens its menu where the row's actions are.
  document.addEventListener("contextmenu", function (e) {
    var row = e.target.closest && e.target.closest("#users-table tbody tr");
    var menu = row && row.querySelector("details.row-menu");
    if (!menu || e.target.closest("a, input, button, summary")) { return; }
    e.preventDefault();
    open(menu);
  });
  document.addEventListener("click", function (e) {
    var inside = e.target.closest && e.target.closest("details.row-menu");
    if (inside && e.target.closest('[role="menuitem"]')) {
      // Run the action, then close the menu (its form was submitted by htmx).
      setTimeout(function () { inside.open = false; }, 0);
      return;
    }
    closeAll(inside);
  });
  // A row swapped after an action: focus its menu button, not the page.
  document.addEventListener("htmx:afterSettle", function (e) {
    var t = e.detail && e.detail.target;
    // After an outerHTML swap the target is the row that left: find its successor by id.
    if (!t || t.tagName !== "TR" || !/^user-\d+$/.test(t.id)) { return; }
    // Lost focus lands on <body>, or on the row itself (app.js's fallback
    // when the focused control's id is gone: a menu's items come on demand).
    var a = document.activeElement;
    if (!a || a === document.body || a.id === t.id) {
      var s = document.querySelector("#" + t.id + " details.row-menu > summary") || document.getElementById("edit-" + t.id.replace("user-", ""));
      if (s) { s.focus(); }
    }
  });
  // A menu's items arrive when it first opens (hx-trigger="toggle once"):
  // opened by the keyboard or right-click, the focus moves to the first of
  // them (it was on the placeholder they replaced); opened by a click, it
  // stays where it was.
  document.addEventListener("htmx:afterSwap", function (e) {
    var ul = e.detail && e.detail.target;
    var menu = ul && ul.tagName === "UL" && ul.closest("details.row-menu");
    if (!menu) { return; }
    var keys = menu.dataset.keys;
    delete menu.dataset.keys;
    var first = items(menu)[0];
    if (menu.open && keys && first) { first.focus(); }
  });
})();
