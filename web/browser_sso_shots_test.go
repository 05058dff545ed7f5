package web

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/console-dev/console/sso/ssotest"
)

// TestBrowserSSOShots saves the sign-in page's single sign-on states and the
// refusal pages at 1440 and 390 px, in English and French, for people to
// look at (SSOIN_SHOTS=<dir>; skipped otherwise).
func TestBrowserSSOShots(t *testing.T) {
	dir := os.Getenv("SSOIN_SHOTS")
	if dir == "" {
		t.Skip("screenshots for people to look at, taken on demand (SSOIN_SHOTS=<dir>); what they show is asserted by the TestSSOSignIn* and TestBrowserSSO* tests, which CI runs")
	}
	env, idp := newSSOEnv(t)
	env.ssoAccount(env.tenant.ID, "user", "pending@example.com", "pending")
	base := env.srv.URL
	// Globex's provider is down from the start: its discovery fails.
	globex, _ := env.newTenant("Globex", "globex")
	gadmin := env.userIn(globex.ID, nil, "admin@globex.test", "admin", "active")
	down := ssotest.Start(t)
	env.connectSSO(globex.ID, gadmin.ID, down.URL, down.ClientID, down.ClientSecret, "Globex Identity", []string{"globex.test"})
	down.Down(true)
	for _, lang := range []string{"en", "fr"} {
		ctx := browser(t)
		if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"Accept-Language": lang}}); err != nil {
			t.Fatal(err)
		}
		for _, w := range []int64{1440, 390} {
			shot := func(name string) {
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				_ = os.MkdirAll(dir, 0o755)
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", name, lang, w)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			step(t, ctx, "size", chromedp.EmulateViewport(w, 900))
			step(t, ctx, "sign-in", chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS("#email")))
			shot("1-signin")
			step(t, ctx, "type", chromedp.SendKeys(chromedp.CSS("#email"), "alice.with.a.rather.long.name@example.com"))
			waitFor(t, ctx, "sso", `!!document.querySelector('details.signin-password')`)
			shot("2-sso-domain")
			step(t, ctx, "open", chromedp.Click(chromedp.CSS("details.signin-password summary")))
			shot("3-sso-use-password")
			step(t, ctx, "no sso", chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS("#email")),
				chromedp.SendKeys(chromedp.CSS("#email"), "bob@nowhere.test"),
				chromedp.Click(chromedp.CSS(`button[name="sso"][value="email"]`)), chromedp.WaitVisible(chromedp.CSS("#signin-error")))
			shot("4-no-sso-for-domain")
			step(t, ctx, "tenant", chromedp.Navigate(base+"/signin?tenant=acme"), chromedp.WaitVisible(chromedp.CSS(`button[value="tenant"]`)))
			shot("5-tenant-link")
			step(t, ctx, "signed out", chromedp.Navigate(base+"/signin?signed_out=acme"), chromedp.WaitVisible(chromedp.CSS("a.sso-end")))
			shot("6-signed-out")
			step(t, ctx, "bad state", chromedp.Navigate(base+"/sso/callback?state=x&code=y"), chromedp.WaitVisible(chromedp.CSS(".sso-refused")))
			shot("7-refused-bad-state")
			for name, email := range map[string]string{"8-refused-no-account": "alice@example.com", "9-refused-pending": "pending@example.com"} {
				idp.SetUser(ssotest.User{Subject: email, Email: email, EmailVerified: true})
				step(t, ctx, name, chromedp.Navigate(base+"/signin?"+url.Values{"tenant": {"acme"}}.Encode()),
					chromedp.WaitVisible(chromedp.CSS(`button[value="tenant"]`)), chromedp.Click(chromedp.CSS(`button[value="tenant"]`)),
					chromedp.WaitVisible(chromedp.CSS(".sso-refused")))
				shot(name)
			}
			step(t, ctx, "down", chromedp.Navigate(base+"/signin?tenant=globex"), chromedp.WaitVisible(chromedp.CSS(`button[value="tenant"]`)),
				chromedp.Click(chromedp.CSS(`button[value="tenant"]`)), chromedp.WaitVisible(chromedp.CSS(".sso-refused")))
			shot("10-provider-down")
		}
	}
}
