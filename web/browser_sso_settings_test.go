package web

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/console-dev/console/sso/ssotest"
)

// shot saves a full-page screenshot into $SSOSET_SHOTS, when set, to look at.
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("SSOSET_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	_ = os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserSSOSettings: an administrator fills the connection, tests it
// (the report swaps in without reloading the page), saves it, and sees it
// saved with the secret shown as set; in English and in French, wide and
// narrow.
func TestBrowserSSOSettings(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			env := newSSOSettingsEnv(t)
			idp := ssotest.Start(t)
			p := profileOf(env.admin, "Zoë", "Lefèvre")
			p.Language = lang
			if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), env.admin.ID, p); err != nil {
				t.Fatal(err)
			}
			words := map[string][3]string{"en": {"The provider answered", "Single sign-on connection saved.", "Set"},
				"fr": {"Le fournisseur a répondu", "Connexion d’authentification unique enregistrée.", "Défini"}}[lang]
			ctx := browser(t)
			step(t, ctx, "sign in",
				chromedp.Navigate(env.srv.URL+"/settings"),
				chromedp.WaitVisible(chromedp.CSS("#email")),
				chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
				chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
				chromedp.WaitVisible(chromedp.CSS("#tab-sso")),
			)
			// Without a connection, choosing SSO on the create-user form shows the note.
			step(t, ctx, "user form without a connection", chromedp.Navigate(env.srv.URL+"/t/acme/users/new"),
				chromedp.WaitVisible(chromedp.CSS("#auth_method")))
			noteShown := `getComputedStyle(document.querySelector('#auth_method-sso-note')).display !== 'none'`
			if evalString(t, ctx, `String(`+noteShown+`)`) != "false" {
				t.Fatal("the SSO note shows while password is chosen")
			}
			step(t, ctx, "choose SSO", chromedp.SetValue(chromedp.CSS("#auth_method"), "sso"))
			waitFor(t, ctx, "the note shows", noteShown)
			step(t, ctx, "show the note", chromedp.ScrollIntoView(chromedp.CSS("#auth_method-sso-note")))
			shot(t, ctx, lang+"-1440-user-note")
			step(t, ctx, "to the settings", chromedp.Navigate(env.srv.URL+"/t/acme/settings"),
				chromedp.WaitVisible(chromedp.CSS("#tab-sso")), chromedp.Click(chromedp.CSS("#tab-sso")))
			waitFor(t, ctx, "the single sign-on page", `document.querySelector('#redirect_uri') !== null`)
			if got := evalString(t, ctx, `document.querySelector('#redirect_uri').value`); got != env.srv.URL+"/sso/callback" {
				t.Fatalf("redirect URI %q", got)
			}
			shot(t, ctx, lang+"-1440-empty")
			step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
			step(t, ctx, "fill",
				chromedp.SendKeys(chromedp.CSS("#display_name"), "Acme ID"),
				chromedp.SendKeys(chromedp.CSS("#issuer"), idp.URL),
				chromedp.SendKeys(chromedp.CSS("#client_id"), idp.ClientID),
				chromedp.SendKeys(chromedp.CSS("#client_secret"), idp.ClientSecret),
				chromedp.SendKeys(chromedp.CSS("#domains"), "example.com\nacme.test"),
				// Test connection from the keyboard.
				chromedp.Focus(chromedp.CSS("#sso-test-button")),
				chromedp.KeyEvent("\r"),
			)
			waitFor(t, ctx, "the report swaps in", `document.querySelector('#sso-test').textContent.includes(`+jsString(idp.URL+"/token")+`)`)
			if !strings.Contains(evalString(t, ctx, `document.querySelector('#sso-test').textContent`), words[0]) {
				t.Fatal("report not in the page's language")
			}
			if evalString(t, ctx, `String(window.__noReload === true)`) != "true" {
				t.Fatal("Test connection reloaded the page")
			}
			if evalString(t, ctx, `document.querySelector('#display_name').value`) != "Acme ID" {
				t.Fatal("Test connection lost what was typed")
			}
			shot(t, ctx, lang+"-1440-tested")
			step(t, ctx, "save", chromedp.Click(chromedp.CSS(`#sso-form button.primary`)))
			waitFor(t, ctx, "saved", `document.readyState === 'complete' && document.querySelector('.notice') !== null`)
			if got := evalString(t, ctx, `document.querySelector('.notice').textContent`); got != words[1] {
				t.Fatalf("notice %q", got)
			}
			if got := evalString(t, ctx, `document.querySelector('#secret-state').textContent`); got != words[2] {
				t.Fatalf("secret state %q", got)
			}
			if got := evalString(t, ctx, `document.querySelector('#client_secret').value`); got != "" {
				t.Fatalf("secret field holds %q", got)
			}
			saved, err := env.st.SSOConnection(context.Background(), env.tenant.ID)
			if err != nil || saved.Issuer != idp.URL || strings.Join(saved.Domains, " ") != "acme.test example.com" {
				t.Fatalf("saved %+v %v", saved, err)
			}
			shot(t, ctx, lang+"-1440-saved")
			step(t, ctx, "narrow", chromedp.EmulateViewport(390, 844), chromedp.Reload(),
				chromedp.WaitVisible(chromedp.CSS("#sso-test-button")), chromedp.Click(chromedp.CSS("#sso-test-button")))
			waitFor(t, ctx, "the report on a phone", `document.querySelector('#sso-test dl') !== null`)
			shot(t, ctx, lang+"-390-tested")
			if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
				t.Fatal("the page scrolls sideways at 390 px")
			}
			step(t, ctx, "remove asks first", chromedp.Click(chromedp.CSS(`.sso-remove button.danger`)))
			waitFor(t, ctx, "the confirmation", `document.querySelector('#sso-confirm-what') !== null`)
			shot(t, ctx, lang+"-390-confirm")
			step(t, ctx, "user form", chromedp.EmulateViewport(1440, 900), chromedp.Navigate(env.srv.URL+"/t/acme/users/new"),
				chromedp.WaitVisible(chromedp.CSS("#auth_method")))
			if got := evalString(t, ctx, `document.querySelector('#auth_method').value`); got != "sso" {
				t.Fatalf("create-user default %q with an enabled connection", got)
			}
		})
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }
