package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserSSOUnlink: from the users table, the keyboard opens an SSO
// person's sidebar and unlinks the identity; the section and the row change
// without a reload and focus lands on the message. With SHOTS set to a
// directory, it saves the table and the sidebar at 1440 and 390 px, in
// English and French.
func TestBrowserSSOUnlink(t *testing.T) {
	env := newEnv(t)
	sam := env.ssoPerson(env.tenant.ID, env.roles, "samira.benali-okonkwo-lindqvist@acme.test", "standard", "248289761001-very-long-subject-from-the-provider", "member")
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), sam.ID, profileOf(sam, "Samira", "Benali-Okonkwo-Lindqvist")); err != nil {
		t.Fatal(err)
	}
	env.ssoPerson(env.tenant.ID, env.roles, "una@acme.test", "standard", "", "member")
	env.user("pat@acme.test", "standard", "active", "member")
	fr := env.user("admin.fr@acme.test", "admin", "active")
	p := profileOf(fr, "Amélie", "Administratrice")
	p.Language = "fr"
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), fr.ID, p); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	base := env.srv.URL
	shots := os.Getenv("SHOTS")
	shoot := func(name string) {
		if shots == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		_ = os.MkdirAll(shots, 0o755)
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	row := fmt.Sprintf("#user-%d", sam.ID)
	signIn := func(email string) {
		if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		step(t, ctx, "sign in as "+email, chromedp.Navigate(base+"/users"),
			chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), email),
			chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
			chromedp.WaitVisible(chromedp.CSS("#users-table")),
		)
	}
	for _, lang := range []struct{ code, email string }{{"fr", "admin.fr@acme.test"}, {"en", "admin@acme.test"}} {
		signIn(lang.email)
		for _, w := range []int64{1440, 390} {
			step(t, ctx, "the table", chromedp.EmulateViewport(w, 900), chromedp.Navigate(base+"/users"),
				chromedp.WaitVisible(chromedp.CSS(row+" .sso-badge")))
			shoot(fmt.Sprintf("users-%d-%s", w, lang.code))
			step(t, ctx, "the sidebar", chromedp.Navigate(fmt.Sprintf("%s/users/%d/edit", base, sam.ID)),
				chromedp.WaitVisible(chromedp.CSS("#sso-identity")),
				chromedp.ScrollIntoView(chromedp.CSS("#sso-identity")))
			shoot(fmt.Sprintf("sidebar-%d-%s", w, lang.code))
		}
	}

	step(t, ctx, "back to the table", chromedp.EmulateViewport(1440, 900), chromedp.Navigate(base+"/users"),
		chromedp.WaitVisible(chromedp.CSS(row)), chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	step(t, ctx, "open the sidebar by keyboard", chromedp.Focus(chromedp.CSS(fmt.Sprintf("#edit-%d", sam.ID))), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the sidebar shows the identity", `document.querySelector('#sso-identity dd:last-of-type')?.textContent === '248289761001-very-long-subject-from-the-provider'`)
	step(t, ctx, "unlink by keyboard",
		chromedp.Evaluate[chromedp.Void]("window.confirm = () => true"),
		chromedp.Focus(chromedp.CSS("#sso-unlink")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the section says it is not linked, the row too, without a reload",
		`document.querySelector('#sso-identity').textContent.includes('Not linked yet') && `+
			`document.querySelector('`+row+` .sso-badge').title.includes('not linked yet') && window.__noReload === true`)
	waitFor(t, ctx, "focus is on the message", `document.activeElement.textContent === 'Single sign-on identity unlinked.'`)
	shoot("sidebar-unlinked-1440-en")
	if got := env.boundSubject(env.tenant.ID, sam.ID); got != "" {
		t.Fatalf("still bound to %q", got)
	}
}
