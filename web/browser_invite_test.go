package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserInvitation walks an invitation as people would: an administrator
// invites from the users table, reads the email on the Mail page (no SMTP
// server), and the invited person follows its link, chooses a password and
// is signed in with the role chosen for them.
func TestBrowserInvitation(t *testing.T) {
	env := newEnv(t)
	ctx := browser(t)
	base := env.srv.URL

	step(t, ctx, "sign in",
		chromedp.Navigate(base+"/users"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#users-table")),
	)
	step(t, ctx, "open Invite user", chromedp.Click(chromedp.CSS(`a[href="/t/acme/users/invite"]`)))
	waitFor(t, ctx, "the invite form opens in the sidebar", `document.querySelector('#sidebar #email') !== null`)
	auditor := fmt.Sprintf(`#sidebar input[name="role"][value="%d"]`, env.roles["auditor"])
	step(t, ctx, "fill the invitation with the keyboard",
		chromedp.SendKeys(chromedp.CSS("#sidebar #email"), "ines.haddad@example.org"),
		chromedp.SendKeys(chromedp.CSS("#sidebar #first_name"), "Inès"),
		chromedp.SendKeys(chromedp.CSS("#sidebar #last_name"), "Haddad"),
		chromedp.Focus(chromedp.CSS(auditor)),
		chromedp.KeyEvent(" "),
		chromedp.SendKeys(chromedp.CSS("#sidebar #last_name"), "\r"),
	)
	waitFor(t, ctx, "the sidebar confirms and shows her as pending",
		`document.querySelector('#sidebar [role=status]')?.textContent.includes('Invitation sent') && document.querySelector('#sidebar').textContent.includes('Pending')`)

	step(t, ctx, "open the Mail page", chromedp.Navigate(base+"/mail"), chromedp.WaitVisible(chromedp.CSS("table")))
	step(t, ctx, "open the invitation email", chromedp.Click(chromedp.CSS(`tbody tr a`)), chromedp.WaitVisible(chromedp.CSS(".mail-links a")))
	link := evalString(t, ctx, `document.querySelector('.mail-links a').href`)

	// She opens it in her own browser: sign the administrator out first.
	step(t, ctx, "sign the administrator out", chromedp.Click(chromedp.CSS(`.topbar .me button`)), chromedp.WaitVisible(chromedp.CSS("#email")))
	step(t, ctx, "follow the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#password")))
	step(t, ctx, "a too short password is refused",
		chromedp.SendKeys(chromedp.CSS("#password"), "short"),
		chromedp.SendKeys(chromedp.CSS("#confirm"), "short\r"),
		chromedp.WaitVisible(chromedp.CSS("#password-error")),
	)
	step(t, ctx, "choose a good password",
		chromedp.SendKeys(chromedp.CSS("#password"), "inès choisit une longue phrase"),
		chromedp.SendKeys(chromedp.CSS("#confirm"), "inès choisit une longue phrase\r"),
		chromedp.WaitVisible(chromedp.CSS(".topbar")),
	)
	waitFor(t, ctx, "she is signed in as herself, with the Auditor role's pages",
		`document.querySelector('.topbar .me').textContent.includes('Inès Haddad') && document.querySelector('a[href="/t/acme/users"]') !== null`)
}
