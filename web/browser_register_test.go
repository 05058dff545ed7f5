package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRegistration: an administrator opens registration in the
// settings; a visitor follows "Create an account", registers (no password
// asked), confirms the link from the email choosing their password there, and
// lands on the waiting page.
func TestBrowserRegistration(t *testing.T) {
	env := newMailEnv(t)
	ctx := browser(t)
	base := env.srv.URL

	step(t, ctx, "sign in as the administrator",
		chromedp.Navigate(base+"/settings"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#invite_days")),
	)
	step(t, ctx, "turn self-registration on and save",
		chromedp.Click(chromedp.CSS(`label.switch`)),
		chromedp.Click(chromedp.CSS(`.settings-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#signin-link")),
	)
	waitFor(t, ctx, "the saved page shows the link to share",
		`document.querySelector('#register-link').textContent.endsWith('/register/acme') && document.querySelector('.notice') !== null`)
	step(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`header form[action="/signout"] button`)), chromedp.WaitVisible(chromedp.CSS("#email")))

	step(t, ctx, "open the shared sign-in link",
		chromedp.Navigate(base+"/signin?tenant=acme"),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/register/acme"]`)),
	)
	step(t, ctx, "follow Create an account",
		chromedp.Click(chromedp.CSS(`a[href="/register/acme"]`)),
		chromedp.WaitVisible(chromedp.CSS("#first_name")),
	)
	if n := evalString(t, ctx, `String(document.querySelectorAll('main input[type=password]').length)`); n != "0" {
		t.Fatalf("the registration form has %s password fields", n)
	}
	step(t, ctx, "register",
		chromedp.SendKeys(chromedp.CSS("#first_name"), "Nina"),
		chromedp.SendKeys(chromedp.CSS("#last_name"), "Newcomer"),
		chromedp.SendKeys(chromedp.CSS("#email"), "nina@outside.test\r"),
		chromedp.WaitVisible(chromedp.CSS("#sent-heading")),
	)
	link := env.verifyLinkFor("nina@outside.test")
	step(t, ctx, "open the link from the email",
		chromedp.Navigate(base+link),
		chromedp.WaitVisible(chromedp.CSS("#verify-heading")),
	)
	step(t, ctx, "a common password is refused beside the field",
		chromedp.SendKeys(chromedp.CSS("#password"), "password123"),
		chromedp.SendKeys(chromedp.CSS("#confirm"), "password123"),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#password-error")),
	)
	step(t, ctx, "choose a password and confirm",
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.SendKeys(chromedp.CSS("#confirm"), testPassword),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#waiting-heading")),
	)
	if got := evalString(t, ctx, `document.querySelector('#waiting-heading').textContent + ' | ' + document.querySelector('header .me').textContent`); !strings.Contains(got, "waiting for an administrator | ") || !strings.Contains(got, "Nina Newcomer") {
		t.Fatalf("waiting page: %q", got)
	}

	step(t, ctx, "the administrator signs in again",
		chromedp.Click(chromedp.CSS(`main form[action="/signout"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#users-table")),
	)
	step(t, ctx, "tick Pending access only", chromedp.Click(chromedp.CSS(`input[name="access"]`)))
	waitFor(t, ctx, "the table lists only the waiting person",
		`location.search.includes('access=pending') && document.querySelectorAll('#users-table tbody tr').length === 1 && document.querySelector('#users-table tbody').textContent.includes('nina@outside.test')`)
}
