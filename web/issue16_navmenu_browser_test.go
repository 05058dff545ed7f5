package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIssue16_BrowserNavFolds (defect 3): on a phone the navigation folds
// behind one button named after the section shown; the button opens it as a
// list, Escape folds it and gives the button its focus back. On a wide
// screen the links show in a row and the button is not there.
func TestIssue16_BrowserNavFolds(t *testing.T) {
	env := newEnv(t)
	fr := env.user("francoise@acme.test", "admin", "active")
	env.french(fr)
	ctx := browser(t)
	step(t, ctx, "sign in at phone width", chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(env.srv.URL+"/groups"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "francoise@acme.test"), chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#nav-toggle")))
	shown := `(sel) => { const e = document.querySelector(sel); return !!e && e.getClientRects().length > 0; }`
	waitFor(t, ctx, "folded: the button names the section, the links are hidden",
		`(`+shown+`)('#nav-toggle') && !(`+shown+`)('#main-nav a') &&
		 document.querySelector('#nav-toggle .nav-toggle-label').textContent === 'Groupes' &&
		 document.querySelector('#nav-toggle').getAttribute('aria-expanded') === 'false'`)
	step(t, ctx, "open with the keyboard", chromedp.Focus(chromedp.CSS("#nav-toggle")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "open: every section listed, one under the other, within the phone",
		`document.querySelector('#nav-toggle').getAttribute('aria-expanded') === 'true' &&
		 [...document.querySelectorAll('#main-nav a')].every(a => a.getClientRects().length > 0 && a.getBoundingClientRect().right <= 390) &&
		 document.querySelectorAll('#main-nav a').length >= 5 &&
		 document.querySelectorAll('#main-nav a')[1].getBoundingClientRect().top > document.querySelectorAll('#main-nav a')[0].getBoundingClientRect().top`)
	step(t, ctx, "Tab into the list, then Escape", chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"), chromedp.KeyEvent("\x1b"))
	waitFor(t, ctx, "folded again, focus back on the button",
		`document.querySelector('#nav-toggle').getAttribute('aria-expanded') === 'false' && document.activeElement.id === 'nav-toggle' && !(`+shown+`)('#main-nav a')`)
	// The users table's filters fold the same way: search and table in view,
	// "Filters" (with how many are set) opens the rest.
	step(t, ctx, "the users, filtered, at phone width", chromedp.Navigate(env.srv.URL+"/users?inactive=90&type=standard"),
		chromedp.WaitVisible(chromedp.CSS("#filters-toggle")))
	waitFor(t, ctx, "folded filters: the search shows, the others wait behind Filtres (2)",
		`(`+shown+`)('#q') && !(`+shown+`)('#filter-type') &&
		 document.querySelector('#filters-toggle').textContent.replace(/\s+/g, ' ').trim() === 'Filtres 2'`)
	step(t, ctx, "open the filters", chromedp.Click(chromedp.CSS("#filters-toggle")))
	waitFor(t, ctx, "every filter shows", `(`+shown+`)('#filter-type') && document.querySelector('#filters-toggle').getAttribute('aria-expanded') === 'true'`)
	step(t, ctx, "wide screen", chromedp.EmulateViewport(1440, 900))
	waitFor(t, ctx, "wide: the filters show without the button", `(`+shown+`)('#filter-type') && !(`+shown+`)('#filters-toggle')`)
	waitFor(t, ctx, "wide: links in a row, no button",
		`!(`+shown+`)('#nav-toggle') && [...document.querySelectorAll('#main-nav a')].every(a => a.getClientRects().length > 0)`)
	step(t, ctx, "reload wide", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#filter-type")))
}
