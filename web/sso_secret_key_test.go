package web

import (
	"github.com/console-dev/console/internal/testdb"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSSOSecretThatNoLongerOpens: a client secret sealed under another key
// (CONSOLE_SECRET_KEY changed) gives a clear 502 page and an audited reason,
// never a 500, and sends nobody to the provider.
func TestSSOSecretThatNoLongerOpens(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")
	db := testdb.Open(t, env.dbPath)
	// What another key sealed: well formed, but it does not open here.
	if _, err := db.Exec(`UPDATE sso_connections SET client_secret = 'v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE tenant_id = ?`,
		env.tenant.ID); err != nil {
		t.Fatal(err)
	}
	res := ssoBegin(env.client(), url.Values{"email": {"alice@example.com"}})
	wantStatus(t, res, http.StatusBadGateway)
	if text := pageText(res); !strings.Contains(text, "misconfigured") || !strings.Contains(text, "Acme Login") {
		t.Errorf("page does not say the connection is misconfigured:\n%s", text)
	}
	if res.doc.Find("a#sso-continue").Length() > 0 || idp.Authorizations != 0 {
		t.Error("the browser was sent on to the provider with a secret the console cannot read")
	}
	if _, d := lastFailure(t, env); d["reason"] != "secret_unreadable" {
		t.Errorf("audited reason = %v, want secret_unreadable", d["reason"])
	}
}
