package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// provShot saves a full-page screenshot into $PROV_SHOTS, when set, to look at.
func provShot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("PROV_SHOTS")
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

// TestBrowserProvisioning: an Admin switches the tenant to External,
// creates a token (a long name, as people name them after their
// provider's tenant), sees it once with the focus on its Copy button and
// copies it; a person Entra ID then provisions carries the SCIM badge in
// the users table, and their sidebar shows the banner, read-only fields
// and no Deactivate; switching back to Console brings Deactivate back. In
// English and French, at 1440 and 390 px.
func TestBrowserProvisioning(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			env := newEnv(t)
			bg := context.Background()
			p := profileOf(env.admin, "Zoë", "Lefèvre")
			p.Language = lang
			if _, err := env.st.UpdateProfile(bg, actorFor(env), env.admin.ID, p); err != nil {
				t.Fatal(err)
			}
			words := map[string][3]string{"en": {"Copied", "Managed by your identity provider", "stop working"},
				"fr": {"Copié", "Géré par votre fournisseur d’identité", "ne fonctionnent plus"}}[lang]
			ctx := browser(t)
			step(t, ctx, "sign in",
				chromedp.EmulateViewport(1440, 900),
				chromedp.Navigate(env.srv.URL+"/settings"),
				chromedp.WaitVisible(chromedp.CSS("#email")),
				chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
				chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
				chromedp.WaitVisible(chromedp.CSS("#tab-provisioning")),
				chromedp.Click(chromedp.CSS("#tab-provisioning")),
			)
			waitFor(t, ctx, "the provisioning page", `document.querySelector('#mode-external') !== null`)
			provShot(t, ctx, lang+"-1440-console")
			step(t, ctx, "switch to external", chromedp.Click(chromedp.CSS("#mode-external")), chromedp.Click(chromedp.CSS("#prov-save")))
			waitFor(t, ctx, "external", `document.querySelector('#scim-base') !== null && document.querySelector('#token-name') !== null`)
			if got := evalString(t, ctx, `document.querySelector('#scim-base').value`); got != env.srv.URL+"/scim/v2" {
				t.Fatalf("SCIM base URL %q", got)
			}
			long := "Microsoft Entra ID — production directory of Acme Europe (Frankfurt), synced nightly"
			step(t, ctx, "create a token",
				chromedp.SendKeys(chromedp.CSS("#token-name"), long),
				chromedp.KeyEvent("\r"))
			waitFor(t, ctx, "the token shows", `document.querySelector('#new-token') !== null`)
			waitFor(t, ctx, "the Copy button has the focus", `document.activeElement && document.activeElement.id === 'new-token-copy'`)
			token := evalString(t, ctx, `document.querySelector('#new-token').value`)
			if !strings.HasPrefix(token, "cst_") {
				t.Fatalf("token %q", token)
			}
			step(t, ctx, "copy by keyboard", chromedp.KeyEvent("\r"))
			waitFor(t, ctx, "copied", `document.querySelector('#new-token-copy').textContent === `+jsString(words[0]))
			provShot(t, ctx, lang+"-1440-token")
			step(t, ctx, "narrow", chromedp.EmulateViewport(390, 844))
			if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
				t.Fatal("the provisioning page scrolls sideways at 390 px")
			}
			provShot(t, ctx, lang+"-390-token")

			// Entra ID provisions a person with the token just made.
			toks, err := env.st.SCIMTokens(bg, env.tenant.ID)
			if err != nil || len(toks) != 1 || toks[0].Name != long {
				t.Fatalf("tokens %+v %v", toks, err)
			}
			prov := ops.Provider(env.tenant.ID, toks[0].ID, "203.0.113.9")
			ada, err := env.h.ops.SCIMCreateUser(store.WithSCIMToken(bg, toks[0].ID), prov, store.SCIMUser{Login: "ada.lovelace-byron@acme.test",
				FirstName: "Augusta Ada", LastName: "King-Noel, Countess of Lovelace", Email: "ada.lovelace-byron@acme.test", ExternalID: "e-1", Active: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := env.h.ops.SetRoles(bg, env.adminPrincipal(), ada.ID, []int64{env.roles["member"]}); err != nil {
				t.Fatal(err)
			}
			row := fmt.Sprintf("#user-%d", ada.ID)
			for _, w := range []int64{1440, 390} {
				step(t, ctx, "users", chromedp.EmulateViewport(w, 900), chromedp.Navigate(env.srv.URL+"/t/acme/users"),
					chromedp.WaitVisible(chromedp.CSS(row)))
				if evalString(t, ctx, `String(document.querySelector('`+row+` .scim-badge') !== null && document.querySelector('`+row+` details.row-menu') === null)`) != "true" {
					t.Fatal("the provisioned person has no badge, or a ⋯ menu of actions")
				}
				if w == 1440 {
					provShot(t, ctx, lang+"-1440-users")
				}
				step(t, ctx, "open the sidebar", chromedp.Click(chromedp.CSS(fmt.Sprintf("#edit-%d", ada.ID))))
				waitFor(t, ctx, "the locked sidebar", `document.querySelector('#user-managed-banner') !== null`)
				if got := evalString(t, ctx, `document.querySelector('#user-managed-banner').textContent`); !strings.Contains(got, words[1]) {
					t.Fatalf("banner %q", got)
				}
				if evalString(t, ctx, `String(document.querySelector('#first_name').readOnly && document.querySelector('#email').readOnly && document.querySelector('#language').disabled && !document.querySelector('#currency').readOnly)`) != "true" {
					t.Fatal("the sidebar's fields are not locked as they should be")
				}
				if evalString(t, ctx, `String(document.querySelector('#sidebar-status') === null)`) != "true" {
					t.Fatal("the locked sidebar offers Deactivate")
				}
				step(t, ctx, "show the sidebar", chromedp.ScrollIntoView(chromedp.CSS("#user-managed-banner")))
				provShot(t, ctx, fmt.Sprintf("%s-%d-sidebar", lang, w))
			}

			// Back to Console: unlocked.
			step(t, ctx, "back to console", chromedp.EmulateViewport(1440, 900),
				chromedp.Navigate(env.srv.URL+"/t/acme/settings/provisioning"), chromedp.WaitVisible(chromedp.CSS("#mode-console")),
				chromedp.Click(chromedp.CSS("#mode-console")), chromedp.Click(chromedp.CSS("#prov-save")))
			waitFor(t, ctx, "console", `document.querySelector('#prov-notice') !== null && document.querySelector('#scim-base') === null`)
			if got := evalString(t, ctx, `document.querySelector('#prov-notice').textContent`); !strings.Contains(got, words[2]) {
				t.Fatalf("notice %q", got)
			}
			provShot(t, ctx, lang+"-1440-back-to-console")
			step(t, ctx, "users again", chromedp.Navigate(env.srv.URL+"/t/acme/users"), chromedp.WaitVisible(chromedp.CSS(row)))
			if evalString(t, ctx, `String(document.querySelector('`+row+` .scim-badge') === null)`) != "true" {
				t.Fatal("switching back to Console left the SCIM badge")
			}
			step(t, ctx, "open the row's ⋯ menu", chromedp.Click(chromedp.CSS(row+" details.row-menu > summary")))
			waitFor(t, ctx, "switching back to Console brings Deactivate back", `document.querySelector('`+row+`-status') !== null`)
		})
	}
}
