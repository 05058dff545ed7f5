package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestAPISSOSettings: GET is 404 until a connection exists; PUT creates it
// (client_secret absent keeps, "" clears, a string sets; unknown fields and
// wrong types refused) and answers it without the secret; DELETE removes it.
func TestAPISSOSettings(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	wantAPI(t, env.call(key, http.MethodGet, "/settings/sso", nil), http.StatusNotFound)
	wantAPI(t, env.call(key, http.MethodDelete, "/settings/sso", nil), http.StatusNotFound)

	body := map[string]any{"display_name": "Acme ID", "issuer": "https://login.acme.test/", "client_id": "console",
		"client_secret": ssoSecret, "domains": []string{"@Acme.test", "example.com"}}
	r := env.call(key, http.MethodPut, "/settings/sso", body)
	wantAPI(t, r, http.StatusOK)
	if r.body["client_secret_set"] != true || r.body["enabled"] != true || r.body["claim"] != "email" ||
		r.body["redirect_uri"] != env.srv.URL+"/sso/callback" || strings.Contains(r.raw, ssoSecret) {
		t.Fatalf("PUT answer %s", r.raw)
	}
	if got := strings.Join(anyStrings(r.body["scopes"]), " "); got != "openid email profile" {
		t.Fatalf("default scopes %q", got)
	}
	if got := strings.Join(anyStrings(r.body["domains"]), " "); got != "acme.test example.com" {
		t.Fatalf("domains %q", got)
	}
	secret := func() string {
		c, err := env.h.ops.SSOClient(ctx, env.tenant.ID)
		if err != nil {
			t.Fatal(err)
		}
		return c.Secret
	}
	// What GET answered may be sent back as it is: the secret stays.
	back := env.call(key, http.MethodGet, "/settings/sso", nil)
	wantAPI(t, back, http.StatusOK)
	back.body["display_name"] = "Acme Entra"
	wantAPI(t, env.call(key, http.MethodPut, "/settings/sso", back.body), http.StatusOK)
	if secret() != ssoSecret {
		t.Fatal("a PUT without client_secret changed the secret")
	}
	body["client_secret"] = ""
	r = env.call(key, http.MethodPut, "/settings/sso", body)
	wantAPI(t, r, http.StatusOK)
	if r.body["client_secret_set"] != false || secret() != "" {
		t.Fatalf("\"\" did not clear the secret: %s", r.raw)
	}
	for name, tc := range map[string]struct {
		body  any
		field string
	}{
		"unknown field":     {map[string]any{"display_name": "x", "issuer": "https://a.test", "client_id": "c", "colour": "red"}, "colour"},
		"secret a number":   {map[string]any{"display_name": "x", "issuer": "https://a.test", "client_id": "c", "client_secret": 42}, "client_secret"},
		"http issuer":       {map[string]any{"display_name": "x", "issuer": "http://a.test", "client_id": "c"}, "issuer"},
		"no display name":   {map[string]any{"issuer": "https://a.test", "client_id": "c"}, "display_name"},
		"bad domain":        {map[string]any{"display_name": "x", "issuer": "https://a.test", "client_id": "c", "domains": []string{"nope"}}, "domains"},
		"create, no domain": {map[string]any{"display_name": "x", "issuer": "https://a.test", "client_id": "c", "create_accounts": true}, "domains"},
	} {
		t.Run(name, func(t *testing.T) {
			r := env.call(key, http.MethodPut, "/settings/sso", tc.body)
			wantAPI(t, r, http.StatusUnprocessableEntity)
			if !fieldErrors(r)[tc.field] {
				t.Fatalf("errors %s, want %s", r.raw, tc.field)
			}
		})
	}
	if c, _ := env.st.SSOConnection(ctx, env.tenant.ID); c.DisplayName != "Acme ID" {
		t.Fatalf("a refused PUT changed the connection: %+v", c)
	}
	r = env.call(key, http.MethodDelete, "/settings/sso", nil)
	if r.status != http.StatusNoContent {
		t.Fatalf("DELETE %d %s", r.status, r.raw)
	}
	wantAPI(t, env.call(key, http.MethodGet, "/settings/sso", nil), http.StatusNotFound)
	if strings.Contains(auditText(t, env, env.tenant.ID), ssoSecret) {
		t.Fatal("the secret is in the audit trail")
	}
}

func anyStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}
