package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIssue16SAEscapeAsks (defect 16, part 3): with unsaved edits in the
// sidebar's profile form, Escape (or the close button) asks before
// discarding; the question is answered from the keyboard. Without edits
// Escape closes the sidebar as before.
func TestIssue16SAEscapeAsks(t *testing.T) {
	env := newEnv(t)
	person := env.user("ann@acme.test", "standard", "active", "member")
	ctx := browser(t)
	base := env.srv.URL
	step(t, ctx, "sign in", chromedp.Navigate(base+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("header.topbar")))
	open := func(what string) {
		t.Helper()
		step(t, ctx, what, chromedp.Navigate(base+"/users/"+id(person)+"/edit"))
		waitFor(t, ctx, "the sidebar is open", `document.querySelector('#sidebar .panel #first_name') !== null`)
	}

	open("open the sidebar")
	step(t, ctx, "type in the profile form", chromedp.Focus(chromedp.CSS("#first_name")), chromedp.SendKeys(chromedp.CSS("#first_name"), "x"),
		chromedp.KeyEvent("\x1b"))
	waitFor(t, ctx, "a question shows and the sidebar stays",
		`document.querySelector('#sidebar .panel #first_name') !== null && document.querySelector('#sidebar [role=alertdialog]')?.textContent.includes('Discard your unsaved changes')`)
	if got := evalString(t, ctx, `document.activeElement.id`); got != "discard-no" {
		t.Fatalf("focus on %q, want the Keep editing button", got)
	}
	step(t, ctx, "keep editing with Enter", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the question is gone, the edit kept", `document.querySelector('#discard-ask') === null && document.querySelector('#first_name').value.includes('x')`)

	step(t, ctx, "the close button asks too", chromedp.Click(chromedp.CSS("#sidebar [data-close-sidebar]")))
	waitFor(t, ctx, "the question shows again", `document.querySelector('#discard-ask') !== null && document.querySelector('#sidebar .panel') !== null`)
	step(t, ctx, "discard", chromedp.Focus(chromedp.CSS("#discard-yes")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the sidebar closes", `document.querySelector('#sidebar .panel') === null`)

	open("open the sidebar again, no edits")
	step(t, ctx, "Escape without edits", chromedp.Focus(chromedp.CSS("#first_name")), chromedp.KeyEvent("\x1b"))
	waitFor(t, ctx, "the sidebar closes at once, no question", `document.querySelector('#sidebar .panel') === null && document.querySelector('#discard-ask') === null`)
}

// TestIssue16SASwitchesInBrowser: on a service account's page a role switch
// saves at once and the roles held refresh without a reload; a group is
// added and removed in place; a refused switch shows why and flips back.
func TestIssue16SASwitchesInBrowser(t *testing.T) {
	env := newEnv(t)
	viewers, _ := serviceGroups(t, env)
	env.customUser("keys@acme.test", "apikeys.manage", "users.view", "projects.view")
	ctx := browser(t)
	base := env.srv.URL
	signIn := func(email string) {
		t.Helper()
		step(t, ctx, "sign in as "+email, chromedp.Navigate(base+"/signin"),
			chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), email),
			chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
			chromedp.WaitVisible(chromedp.CSS("header.topbar")))
	}
	signIn("admin@acme.test")
	step(t, ctx, "create a service account", chromedp.Navigate(base+"/service-accounts"),
		chromedp.WaitVisible(chromedp.CSS("#svc-name")),
		chromedp.SendKeys(chromedp.CSS("#svc-name"), "Sync"),
		chromedp.Click(chromedp.CSS("#svc-create")),
		chromedp.WaitVisible(chromedp.CSS("#svc-role-toggles")))
	step(t, ctx, "mark the page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	member := "#svc-role-" + itoa(env.roles["member"])
	step(t, ctx, "switch Member on with the keyboard", chromedp.Focus(chromedp.CSS(member)), chromedp.KeyEvent(" "))
	waitFor(t, ctx, "saved, and the roles held show Member without a reload",
		`window.__noReload && document.querySelector('#svc-role-toggles [role=status]') !== null &&
		document.querySelector('#svc-roles-held').textContent.includes('Member') && document.querySelector('`+member+`').checked`)
	step(t, ctx, "add to Viewers", chromedp.SetValue(chromedp.CSS("#svc-group-add"), itoa(viewers)), chromedp.Click(chromedp.CSS("#svc-group-add-button")))
	waitFor(t, ctx, "in Viewers, its roles shown",
		`window.__noReload && document.querySelector('#svc-group-remove-`+itoa(viewers)+`') !== null && document.querySelector('#svc-roles-held').textContent.includes('Viewers')`)
	step(t, ctx, "remove from Viewers", chromedp.Click(chromedp.CSS("#svc-group-remove-"+itoa(viewers))))
	waitFor(t, ctx, "out of Viewers", `window.__noReload && document.querySelector('#svc-group-remove-`+itoa(viewers)+`') === null &&
		!document.querySelector('#svc-roles-held').textContent.includes('Viewers')`)
	path := evalString(t, ctx, `location.pathname`)

	step(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`.topbar form[action="/signout"] button`)), chromedp.WaitVisible(chromedp.CSS("#email")))
	signIn("keys@acme.test")
	step(t, ctx, "the service account as a lesser actor", chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("#svc-role-toggles")))
	admins := "#svc-role-" + itoa(env.roles["tenant_admin"])
	step(t, ctx, "switch Tenant admin on", chromedp.Click(chromedp.CSS(admins)))
	waitFor(t, ctx, "refused with the reason, the switch back off",
		`document.querySelector('#svc-role-toggles [role=alert]') !== null && !document.querySelector('`+admins+`').checked &&
		document.querySelector('`+member+`').checked`)
}
