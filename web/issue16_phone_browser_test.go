package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIssue16_BrowserPhonesFit (defects 3 and 7): at 390 px the pages an
// administrator works in are no wider than the phone, in English and in
// French, and the users table shows each person as a card with their ⋯
// menu in reach.
func TestIssue16_BrowserPhonesFit(t *testing.T) {
	env := newEnv(t)
	for _, e := range []string{"aicha.belanger-de-la-fontaine@a-rather-long-domain.example.com", "zoe@acme.test"} {
		env.user(e, "standard", "active", "member", "auditor")
	}
	pr := env.project("Ingénierie et support client")
	fr := env.user("francoise@acme.test", "admin", "active")
	env.french(fr)
	for _, who := range []string{"admin@acme.test", "francoise@acme.test"} {
		ctx := browser(t)
		step(t, ctx, "phone width and sign in as "+who, chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(env.srv.URL+"/users"), chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), who), chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
			chromedp.WaitVisible(chromedp.CSS("#users-table")))
		for _, path := range []string{"/users", "/groups", projectPath(pr, ""), "/invitations", "/settings", "/audit", "/mail", "/roles", "/welcome"} {
			step(t, ctx, who+" opens "+path, chromedp.Navigate(env.srv.URL+path), chromedp.WaitReady(chromedp.CSS("main")))
			waitFor(t, ctx, who+": "+path+" fits 390 px", `document.documentElement.scrollWidth <= 390`)
		}
		step(t, ctx, who+" opens the projects", chromedp.Navigate(env.srv.URL+"/projects"), chromedp.WaitReady(chromedp.CSS("main")))
		waitFor(t, ctx, "each project's name is readable on a phone (it was squeezed to nothing)",
			`(() => { const a = document.querySelector('.pr-grid td.pr-name a'); const r = a.getBoundingClientRect();
			  return r.width >= Math.min(a.scrollWidth, 150) && r.right <= 390; })()`)
		step(t, ctx, who+" opens the invitations", chromedp.Navigate(env.srv.URL+"/invitations"), chromedp.WaitReady(chromedp.CSS("main")))
		waitFor(t, ctx, "an invitation's buttons are on screen",
			`(() => { const b = document.querySelectorAll('.invitations-grid td.actions button'); if (!b.length) return true;
			  return Array.from(b).every(x => x.getBoundingClientRect().right <= 390); })()`)
		step(t, ctx, "back to the users", chromedp.Navigate(env.srv.URL+"/users"), chromedp.WaitVisible(chromedp.CSS("#users-table")))
		waitFor(t, ctx, "each person is a card whose ⋯ is on screen",
			`(() => { const s = document.querySelector('#users-table tbody tr details.row-menu > summary');
			  const r = s.getBoundingClientRect();
			  return getComputedStyle(document.querySelector('#users-table tbody tr')).display === 'grid' && r.right <= 390 && r.width > 0; })()`)
	}
}
