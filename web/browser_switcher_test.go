package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// A service provider's user switches to customer A with the keyboard, sees
// and edits A's people only, switches to B and sees B's roles on My account,
// then a link to A's user made earlier opens A; someone not allowed in A
// gets 404 from the same link.
func TestBrowserCustomerSwitcher(t *testing.T) {
	env := newEnv(t)
	w := newProviderWorld(env)
	ctx := browser(t)
	base := env.srv.URL
	deepLink := fmt.Sprintf("/t/cust-a/users/%d/edit", w.annA.ID)

	step(t, ctx, "sign in",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "sam@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#switcher-button")),
	)
	step(t, ctx, "open the switcher with Enter", chromedp.Focus(chromedp.CSS("#switcher-button")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the filter box has focus and the tenants are listed",
		`document.activeElement.id === 'switcher-q' && document.querySelector('#switcher-button').getAttribute('aria-expanded') === 'true' &&
		document.querySelectorAll('#switcher-results .switcher-list a').length === 3`)
	step(t, ctx, "type A", chromedp.SendKeys(chromedp.CSS("#switcher-q"), "A"))
	waitFor(t, ctx, "the list narrows to Acme and Customer A",
		`[...document.querySelectorAll('#switcher-results .switcher-tenant')].map(e => e.textContent).join('|') === 'Acme|Customer A'`)
	step(t, ctx, "arrow down to Customer A", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	waitFor(t, ctx, "Customer A's link has focus", `document.activeElement.textContent.includes('Customer A')`)
	step(t, ctx, "Enter follows it", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "A's users page, A's people only",
		`location.pathname === '/t/cust-a/users' && document.querySelector('#users-table') !== null &&
		document.querySelector('#users-table').textContent.includes('ann@cust-a.test') &&
		!document.querySelector('#users-table').textContent.includes('bert@cust-b.test') &&
		!document.querySelector('#users-table').textContent.includes('admin@acme.test') &&
		document.querySelector('#switcher-button').textContent.includes('Customer A') &&
		document.querySelector('#away-note') !== null`)

	step(t, ctx, "open Ann in the sidebar with the keyboard",
		chromedp.Focus(chromedp.CSS(fmt.Sprintf("#edit-%d", w.annA.ID))), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the sidebar's first field has focus", `document.activeElement.id === 'first_name'`)
	step(t, ctx, "rename her and save with Enter",
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
		chromedp.SendKeys(chromedp.CSS("#sidebar #first_name"), "Annie\r"))
	waitFor(t, ctx, "the row shows the new name", fmt.Sprintf(`document.querySelector('#user-%d td.name').textContent.includes('Annie')`, w.annA.ID))
	if a, err := env.st.Account(context.Background(), w.a.ID, w.annA.ID); err != nil || a.FirstName != "Annie" {
		t.Fatalf("A's person not saved: %q %v", a.FirstName, err)
	}

	step(t, ctx, "Escape closes the sidebar, then switch to B",
		chromedp.KeyEvent("\x1b"),
		chromedp.Focus(chromedp.CSS("#switcher-button")), chromedp.KeyEvent(" "))
	waitFor(t, ctx, "the switcher opened with Space", `document.activeElement.id === 'switcher-q' && document.querySelectorAll('#switcher-results a').length > 0`)
	step(t, ctx, "Escape closes the switcher", chromedp.KeyEvent("\x1b"))
	waitFor(t, ctx, "focus is back on the button", `document.activeElement.id === 'switcher-button' && document.querySelector('#switcher-panel').hidden`)
	step(t, ctx, "open it again and type B", chromedp.KeyEvent("\r"), chromedp.SendKeys(chromedp.CSS("#switcher-q"), "b"))
	waitFor(t, ctx, "only Customer B is listed",
		`[...document.querySelectorAll('#switcher-results .switcher-tenant')].map(e => e.textContent).join('|') === 'Customer B'`)
	step(t, ctx, "arrow down and Enter", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "acting in B", `location.pathname.startsWith('/t/cust-b/') && document.querySelector('#switcher-button').textContent.includes('Customer B')`)
	step(t, ctx, "open My account", chromedp.Click(chromedp.CSS(".topbar .me-link")))
	waitFor(t, ctx, "My account shows B's roles: Auditor, not User Manager",
		`location.pathname === '/t/cust-b/account' &&
		[...document.querySelectorAll('#access-here .access-roles .chip')].map(e => e.textContent).join('|') === 'Auditor'`)

	step(t, ctx, "open the link to A's user made earlier", chromedp.Navigate(base+deepLink))
	waitFor(t, ctx, "A's page: A's user in the sidebar, acting in A",
		`location.pathname === '`+deepLink+`' && document.querySelector('#sidebar #first_name') !== null &&
		document.querySelector('#sidebar #first_name').value === 'Annie' &&
		document.querySelector('#switcher-button').textContent.includes('Customer A')`)

	step(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`.topbar form[action="/signout"] button`)))
	waitFor(t, ctx, "signed out", `location.pathname === '/signin' && document.readyState === 'complete'`)
	step(t, ctx, "Bob, not allowed in A, opens the link", chromedp.Navigate(base+deepLink))
	waitFor(t, ctx, "sign-in asks first, to come back to the link",
		`location.pathname === '/signin' && new URLSearchParams(location.search).get('next') === '`+deepLink+`' && document.querySelector('#email') !== null`)
	step(t, ctx, "Bob signs in",
		chromedp.SendKeys(chromedp.CSS("#email"), "bob@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"))
	waitFor(t, ctx, "Bob gets Not found at the same address, nobody shown",
		`location.pathname === '`+deepLink+`' && document.querySelector('h1') !== null && document.querySelector('h1').textContent === 'Not found' &&
		!document.body.textContent.includes('cust-a.test') && !document.body.textContent.includes('cust-b.test')`)
}
