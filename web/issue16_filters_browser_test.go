package web

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIssue16FiltersBrowser: typing a bad domain into the filter bar shows
// its message beside the field after the htmx swap (out of band), a good one
// narrows the table; at 390 px the page, filter bar included, does not
// scroll sideways. I16SIGNIN_SHOTS=dir saves screenshots.
func TestIssue16FiltersBrowser(t *testing.T) {
	env, _, _ := filterWorld(t)
	ctx := browser(t)
	shot := func(name string) {
		dir := os.Getenv("I16SIGNIN_SHOTS")
		if dir == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		_ = os.MkdirAll(dir, 0o755)
		_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
	step(t, ctx, "sign in",
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(env.srv.URL+"/users"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"))
	waitFor(t, ctx, "the users table", `document.querySelectorAll('#users-table tbody tr').length === 5`)
	step(t, ctx, "a bad domain", chromedp.SendKeys(chromedp.CSS("#filter-domain"), "exa mple\t"))
	waitFor(t, ctx, "its message beside the field", `document.querySelector('#filter-err-domain').textContent.includes('Not an email domain')`)
	shot("1440-bad-domain")
	evalString(t, ctx, `(document.querySelector('#filter-domain').value = '', '')`)
	step(t, ctx, "a good domain",
		chromedp.SendKeys(chromedp.CSS("#filter-domain"), "example.net\t"))
	waitFor(t, ctx, "the table narrowed and the message gone", `document.querySelectorAll('#users-table tbody tr').length === 2 &&
		document.querySelector('#filter-err-domain').textContent === ''`)
	step(t, ctx, "narrow", chromedp.EmulateViewport(390, 844), chromedp.Navigate(env.srv.URL+"/users?domain=example.net&inactive=90&created_from=2024-01-01"))
	waitFor(t, ctx, "the filtered table", `document.querySelectorAll('#users-table tbody tr').length === 1`)
	if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
		t.Errorf("the users page scrolls sideways at 390 px (%s px wide)", evalString(t, ctx, `String(document.documentElement.scrollWidth)`))
	}
	if w := evalString(t, ctx, `String(document.querySelector('#filters').getBoundingClientRect().right <= window.innerWidth)`); w != "true" {
		t.Error("the filter bar is wider than the phone")
	}
	shot("390-filters")
}
