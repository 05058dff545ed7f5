// API keys: the copy button beside a new key's secret (shown once).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var btn = e.target.closest("[data-copy]");
    if (!btn) { return; }
    var field = document.getElementById(btn.getAttribute("data-copy"));
    if (!field) { return; }
    // An input is selected and its value copied; any other element (a
    // share link's <code>) its text.
    var text = "value" in field ? field.value : field.textContent;
    if (field.select) {
      field.select();
    } else {
      var range = document.createRange();
      range.selectNodeContents(field);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    var done = function () {
      btn.textContent = btn.getAttribute("data-copied");
      btn.classList.add("copied");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
