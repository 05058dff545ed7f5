package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/console-dev/console/store"
)

// TestBrowserServiceAccountKey: create a service account, then a key; the
// secret shows once with a copy button that copies it; the key works.
func TestBrowserServiceAccountKey(t *testing.T) {
	env := newEnv(t)
	if _, err := env.st.CreateGroup(context.Background(), actorFor(env), "Intégrations", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.CreateServiceAccount(context.Background(), actorFor(env), store.NewServiceAccount{
		Name: "Entrepôt de données — export nocturne vers le lac de données du service financier", Description: "Lit les utilisateurs chaque nuit."}); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	step(t, ctx, "sign in",
		chromedp.Navigate(env.srv.URL+"/service-accounts"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#svc-name")),
	)
	step(t, ctx, "create a service account",
		chromedp.SendKeys(chromedp.CSS("#svc-name"), "Billing sync"),
		chromedp.SendKeys(chromedp.CSS("#svc-description"), "Pushes invoices' owners"),
		chromedp.Click(chromedp.CSS(`.svc-form input[name="role"]`)),
		chromedp.Click(chromedp.CSS("#svc-create")),
		chromedp.WaitVisible(chromedp.CSS("#key-name")),
	)
	step(t, ctx, "create a key",
		chromedp.SendKeys(chromedp.CSS("#key-name"), "production"),
		chromedp.Click(chromedp.CSS("#key-create")),
		chromedp.WaitVisible(chromedp.CSS("#new-key")),
	)
	// The secret is shown once: focus goes straight to its Copy button (issue 16, defect 9).
	waitFor(t, ctx, "the Copy button has the focus", `document.activeElement && document.activeElement.id === 'new-key-copy'`)
	key := evalString(t, ctx, `document.querySelector('#new-key').value`)
	if !strings.HasPrefix(key, "csk_") {
		t.Fatalf("key %q", key)
	}
	step(t, ctx, "copy it", chromedp.Click(chromedp.CSS(`button[data-copy="new-key"]`)))
	waitFor(t, ctx, "the button says it copied", `document.querySelector('button[data-copy]').classList.contains('copied')`)
	if got := evalString(t, ctx, `window.getSelection().toString()`); got != key {
		t.Fatalf("selected %q, want the key", got)
	}
	wantAPI(t, env.call(key, "GET", "/users", nil), 200) // the first role ticked: Tenant Administrator
	step(t, ctx, "the list", chromedp.Navigate(env.srv.URL+"/service-accounts"), chromedp.WaitVisible(chromedp.CSS(".svc-table")))
	if n := evalString(t, ctx, `String(document.querySelectorAll('.svc-table tbody tr').length)`); n != "2" {
		t.Fatalf("%s rows", n)
	}
}

// TestBrowserOwnKeysInFrench: /account/keys in French, empty then with a key.
func TestBrowserOwnKeysInFrench(t *testing.T) {
	env := newEnv(t)
	ctx := browser(t)
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"Accept-Language": "fr-FR,fr;q=0.9"}}); err != nil {
		t.Fatal(err)
	}
	p := profileOf(env.admin, "Zoë", "Lefèvre")
	p.Language = "browser"
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), env.admin.ID, p); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "sign in",
		chromedp.Navigate(env.srv.URL+"/account/keys"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#key-name")),
	)
	if got := evalString(t, ctx, `document.querySelector('h1').textContent + ' | ' + document.querySelector('.empty-box').textContent.trim()`); got != "Mes clés d’API | Aucune clé d’API pour l’instant." {
		t.Fatalf("not in French: %q", got)
	}
	step(t, ctx, "create a key that never expires",
		chromedp.SendKeys(chromedp.CSS("#key-name"), "Portable de Zoë"),
		chromedp.SetValue(chromedp.CSS("#key-expires"), "never"),
		chromedp.Click(chromedp.CSS("#key-create")),
		chromedp.WaitVisible(chromedp.CSS("#new-key")),
	)
	if got := evalString(t, ctx, `document.querySelector('.keys-table tbody td:nth-child(5)').textContent.trim()`); got != "Jamais" {
		t.Fatalf("expiry shows %q", got)
	}
}
