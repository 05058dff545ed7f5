package web

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTemporaryPassword: an administrator sets a temporary password
// from the sidebar; the person signs in, can only change it, then lands where
// they were going and puts a picture on My account.
func TestBrowserTemporaryPassword(t *testing.T) {
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "user_manager")
	ctx := browser(t)
	base := env.srv.URL
	const temp, mine = "temporary but long enough", "my very own passphrase"

	step(t, ctx, "sign in as the administrator",
		chromedp.Navigate(base+"/users"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#users-table")),
	)
	step(t, ctx, "open Bob's sidebar and its temporary password",
		chromedp.Click(chromedp.CSS("#edit-"+id(bob))),
		chromedp.WaitVisible(chromedp.CSS("#sidebar details.temp-password summary")),
		chromedp.Click(chromedp.CSS("#sidebar details.temp-password summary")),
		chromedp.WaitVisible(chromedp.CSS("#temp_password")),
		chromedp.SendKeys(chromedp.CSS("#temp_password"), temp+"\r"),
	)
	waitFor(t, ctx, "the sidebar says it is set", `(document.querySelector('#sidebar .notice') || {textContent: ''}).textContent.includes('Temporary password set')`)
	// The sidebar has an #email field too: wait for the sign-in page itself,
	// or the next navigation aborts the sign-out still under way.
	step(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`.topbar form[action="/signout"] button`)))
	waitFor(t, ctx, "the sign-in page", `location.pathname === '/signin' && document.readyState === 'complete' && document.querySelector('#sidebar') === null`)

	step(t, ctx, "sign in as Bob with the temporary password",
		chromedp.Navigate(base+"/users"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "bob@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), temp+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#new_password")),
	)
	if got := evalString(t, ctx, "location.pathname"); got != tp("/account/password") {
		t.Fatalf("after sign-in with a temporary password: %s", got)
	}
	step(t, ctx, "try the users page anyway", chromedp.Navigate(base+"/users"), chromedp.WaitVisible(chromedp.CSS("#new_password")))
	step(t, ctx, "choose a new password",
		chromedp.SendKeys(chromedp.CSS("#current_password"), temp),
		chromedp.SendKeys(chromedp.CSS("#new_password"), mine),
		chromedp.SendKeys(chromedp.CSS("#confirm_password"), mine+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#users-table")),
	)

	pic := filepath.Join(t.TempDir(), "me.png")
	if err := os.WriteFile(pic, encodePNG(t, testImage(900, 600)), 0o644); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "upload a picture on My account",
		chromedp.Click(chromedp.CSS(".topbar .me-link")),
		chromedp.WaitVisible(chromedp.CSS("#avatar")),
		chromedp.SetUploadFiles(chromedp.CSS("#avatar"), []string{pic}),
		chromedp.Click(chromedp.CSS(`form[action="/t/acme/account/avatar"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".account img.avatar.large")),
	)
	waitFor(t, ctx, "the picture shows in the header and on the page",
		`document.querySelector('.topbar img.avatar') !== null && document.querySelector('.account img.avatar.large') !== null
			&& document.querySelector('.account img.avatar.large').naturalWidth === 512`)
}
