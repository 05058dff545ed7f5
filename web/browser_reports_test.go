package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAuditLog: the action filter swaps the events table in place and
// puts the filter in the address bar; a row's details open with before/after.
func TestBrowserAuditLog(t *testing.T) {
	env := reportTenant(t)
	ctx := browser(t)
	base := env.srv.URL
	step(t, ctx, "sign in",
		chromedp.Navigate(base+"/users"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#report-view")),
	)
	step(t, ctx, "open the audit log", chromedp.Navigate(base+"/audit"), chromedp.WaitVisible(chromedp.CSS("#audit-table")))
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	step(t, ctx, "filter on profile changes", chromedp.SetValue(chromedp.CSS("#audit-action"), "user.update"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#audit-action').dispatchEvent(new Event('change', {bubbles: true}))`))
	waitFor(t, ctx, "the table shows only profile changes", `location.search.includes('action=user.update') &&
		document.querySelectorAll('.audit-grid > tbody > tr').length === 1`)
	if evalString(t, ctx, "String(window.__noReload)") != "true" {
		t.Fatal("the filter reloaded the page")
	}
	step(t, ctx, "open details", chromedp.Click(chromedp.CSS(".audit-grid details summary")))
	details := evalString(t, ctx, `document.querySelector('.audit-grid details').textContent`)
	for _, want := range []string{"First name", "Mallory", `=HYPERLINK("http://x")`} {
		if !strings.Contains(details, want) {
			t.Errorf("details lack %q: %q", want, details)
		}
	}
}
