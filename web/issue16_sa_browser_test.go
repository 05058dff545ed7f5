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
