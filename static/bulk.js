// Bulk actions on the users table: the rows ticked are remembered across
// pages, sorts and searches (sessionStorage, this tab only) and sent with
// the bulk form; the count beside "The people ticked" says how many. The
// form's parameter fields show only for the action that uses them. Without
// this script the ticks of the page shown are sent, and every field shows.
(function () {
  "use strict";
  // One list per tenant: ticks made under /t/a/ are not sent from /t/b/.
  var tenant = (location.pathname.match(/^\/t\/[^/]+\//) || [""])[0];
  var KEY = "console:bulk-picked:" + tenant;
  function load() {
    try { return new Set(JSON.parse(sessionStorage.getItem(KEY) || "[]")); } catch (e) { return new Set(); }
  }
  function save(set) {
    try { sessionStorage.setItem(KEY, JSON.stringify(Array.from(set))); } catch (e) { /* full or off: the page's ticks still count */ }
  }
  function sync() {
    var form = document.getElementById("bulk-form");
    if (!form) { return; }
    var picked = load();
    document.querySelectorAll("input.pick[form=bulk-form]").forEach(function (box) {
      box.checked = picked.has(box.value);
    });
    document.querySelectorAll("[data-bulk-count]").forEach(function (count) {
      count.textContent = picked.size ? String(picked.size) : "";
    });
    var action = form.querySelector("[name=action]");
    form.querySelectorAll("[data-bulk-for]").forEach(function (field) {
      field.hidden = field.dataset.bulkFor.split(" ").indexOf(action.value) < 0;
    });
  }
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("input.pick[form=bulk-form]")) {
      var picked = load();
      if (t.checked) { picked.add(t.value); } else { picked.delete(t.value); }
      save(picked);
      if (t.checked) {
        var who = document.querySelector("#bulk-form [name=scope][value=picked]");
        if (who) { who.checked = true; }
      }
      sync();
    } else if (t.matches && t.matches("#bulk-form [name=action]")) {
      sync();
    }
  });
  // The ticks of other pages travel as hidden fields, added before htmx
  // reads the form.
  document.addEventListener("htmx:configRequest", function (e) {
    var form = e.detail.elt;
    if (!form || form.id !== "bulk-form") { return; }
    var params = e.detail.parameters;
    var shown = new Set((params.getAll ? params.getAll("account_id") : []));
    load().forEach(function (id) {
      if (!shown.has(id) && params.append) { params.append("account_id", id); }
    });
  });
  // Started: the ticks are spent.
  if (/^\/(t\/[^/]+\/)?jobs\/\d+$/.test(location.pathname)) {
    try {
      Object.keys(sessionStorage).forEach(function (k) { if (k.indexOf("console:bulk-picked:") === 0) { sessionStorage.removeItem(k); } });
    } catch (e) { /* storage off: nothing kept */ }
  }
  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("htmx:afterSettle", sync);
})();
