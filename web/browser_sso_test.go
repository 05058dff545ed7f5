package web

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserSSOSignIn: the whole redirect dance in a browser, in English
// and in French: the console's sign-in page, the address typed (htmx turns
// the form into "Continue with ZITADEL", the password put away), the
// provider's login page (English: it is the provider's), back in the
// console signed in, then signed out with the provider's sign-out offered.
func TestBrowserSSOSignIn(t *testing.T) {
	for _, tc := range []struct{ lang, accept, cont, signOut, signedOut string }{
		{"en", "en-GB,en;q=0.9", "Continue with ZITADEL", "Sign out", "Also sign out of ZITADEL"},
		{"fr", "fr-FR,fr;q=0.9", "Continuer avec ZITADEL", "Se déconnecter", "Se déconnecter aussi de ZITADEL"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
			issuer := startZitadel(t, env.srv.URL+"/sso/callback")
			env.connectSSO(env.tenant.ID, env.admin.ID, issuer, "web", "secret", "ZITADEL", []string{"zitadel.ch"})
			env.ssoAccount(env.tenant.ID, "user", zitadelEmail, "active")
			ctx := browser(t)
			if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
				Headers: network.Headers{"Accept-Language": tc.accept}}); err != nil {
				t.Fatal(err)
			}
			base := env.srv.URL
			step(t, ctx, "open sign-in", chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS("#email")))
			if got := evalString(t, ctx, `document.documentElement.lang`); got != tc.lang {
				t.Fatalf("sign-in page in %q, want %q", got, tc.lang)
			}
			step(t, ctx, "type the address", chromedp.SendKeys(chromedp.CSS("#email"), zitadelEmail))
			waitFor(t, ctx, "the form offers the provider and puts the password away",
				`document.querySelector('#signin-method button.primary')?.textContent.trim() === `+jsString(tc.cont)+
					` && !document.querySelector('#password').checkVisibility()`)
			step(t, ctx, "continue", chromedp.Click(chromedp.CSS("#signin-method button.primary")))
			waitFor(t, ctx, "the provider's login page", `location.host.startsWith('localhost:') && !!document.querySelector('#username')`)
			step(t, ctx, "log in at the provider",
				chromedp.SendKeys(chromedp.CSS("#username"), zitadelUser),
				chromedp.SendKeys(chromedp.CSS("#password"), zitadelPassword+"\r"))
			waitFor(t, ctx, "back in the console, signed in, on the page asked for",
				`location.origin === `+jsString(base)+` && location.pathname.endsWith('/account') && !!document.querySelector('form[action$="/signout"] button')`)
			if got := evalString(t, ctx, `document.querySelector('form[action$="/signout"] button').textContent.trim()`); got != tc.signOut {
				t.Errorf("console page in the wrong language: sign-out button %q, want %q", got, tc.signOut)
			}
			// Submitted from the page itself: a node id found a moment before may be gone.
			step(t, ctx, "sign out", chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action$="/signout"] button').click()`))
			waitFor(t, ctx, "signed out, the provider's sign-out offered",
				`document.querySelector('a.sso-end')?.textContent.trim() === `+jsString(tc.signedOut))
		})
	}
}

// TestBrowserSSODomainPasswordAccount: a password account of a single
// sign-on domain opens "Use a password instead", types its password, and
// Enter signs it in with the password, not off to the provider.
func TestBrowserSSODomainPasswordAccount(t *testing.T) {
	env, idp := newSSOEnv(t)
	env.user("pat@example.com", "admin", "active")
	ctx := browser(t)
	step(t, ctx, "open sign-in", chromedp.Navigate(env.srv.URL+"/users"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "pat@example.com"))
	waitFor(t, ctx, "the form offers Acme Login", `!!document.querySelector('details.signin-password')`)
	step(t, ctx, "use a password", chromedp.Click(chromedp.CSS("details.signin-password summary")),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"))
	waitFor(t, ctx, "signed in with the password", `!!document.querySelector('#users-table')`)
	if idp.Authorizations != 0 {
		t.Errorf("the provider was asked %d times", idp.Authorizations)
	}
}
