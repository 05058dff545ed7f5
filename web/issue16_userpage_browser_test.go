package web

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestIssue16BrowserUserPageTabs: the user page's tabs swap through htmx
// (no reload), put the tab in the address bar, keep focus on the tab, and
// move with the arrow keys.
func TestIssue16BrowserUserPageTabs(t *testing.T) {
	w := newUserPageWorld(t)
	ctx := browser(t)
	page := w.srv.URL + w.pagePath(w.zoe, "")
	step(t, ctx, "sign in",
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#up16-tab-profile")),
	)
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	step(t, ctx, "open Groups", chromedp.Click(chromedp.CSS("#up16-tab-groups")))
	waitFor(t, ctx, "the Groups panel shows the group without a role",
		`document.querySelector('#up16-tab-groups').getAttribute('aria-selected') === 'true' && document.querySelector('#up16-panel').textContent.includes('Readers')`)
	waitFor(t, ctx, "the tab is in the address bar, with no reload", `location.search.includes('tab=groups') && window.__noReload === true`)

	step(t, ctx, "arrow right from Groups", chromedp.Focus(chromedp.CSS("#up16-tab-groups")), chromedp.KeyEvent(kb.ArrowRight))
	waitFor(t, ctx, "focus moves to Projects", `document.activeElement.id === 'up16-tab-projects'`)
	step(t, ctx, "open it with Enter", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the Projects panel, focus kept on its tab",
		`document.querySelector('#up16-panel').textContent.includes('Apollo') && document.activeElement.id === 'up16-tab-projects' && window.__noReload === true`)
}
