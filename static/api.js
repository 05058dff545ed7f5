// API keys: the copy button beside a new key's secret (shown once).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var btn = e.target.closest("[data-copy]");
    if (!btn) { return; }
    var field = document.getElementById(btn.getAttribute("data-copy"));
    if (!field) { return; }
    field.select();
    var done = function () {
      btn.textContent = btn.getAttribute("data-copied");
      btn.classList.add("copied");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
