package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestSCIMTokens: only a live token of the tenant acts, only in its tenant
// and only on /scim/v2.
func TestSCIMTokens(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	uid := env.createUser("tok1")
	apiKey, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))

	// Another tenant with its own live token.
	other, roles := env.newTenant("Globex", "globex")
	otherAdmin := env.userIn(other.ID, roles, "admin@globex.test", "admin", "active")
	if err := env.h.ops.SetProvisioning(context.Background(), consolePrincipal(other.ID, otherAdmin.ID), store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	otherToken, _ := env.scimToken(other.ID, otherAdmin)
	gid := env.do("POST", "/Groups", `{"displayName":"Acme only"}`).want(t, http.StatusCreated).str("id")

	cases := []struct {
		name, token, method, path, body string
		status                          int
	}{
		{"no token", "", "GET", "/Users", "", 401},
		{"an API key is no SCIM token", apiKey, "GET", "/Users", "", 401},
		{"a token with a wrong secret", env.token[:len(env.token)-4] + "AAAA", "GET", "/Users", "", 401},
		{"an unknown token", "cst_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "GET", "/Users", "", 401},
		{"another tenant's token: this tenant's user is 404", otherToken, "GET", "/Users/" + uid, "", 404},
		{"another tenant's token: PATCH of this tenant's user is 404", otherToken, "PATCH", "/Users/" + uid,
			`{` + patchOp + `,"Operations":[{"op":"replace","path":"active","value":false}]}`, 404},
		{"another tenant's token: DELETE of this tenant's user is 404", otherToken, "DELETE", "/Users/" + uid, "", 404},
		{"another tenant's token: this tenant's group is 404", otherToken, "GET", "/Groups/" + gid, "", 404},
		{"another tenant's token: PUT of this tenant's group is 404", otherToken, "PUT", "/Groups/" + gid, `{"displayName":"x"}`, 404},
	}
	for _, c := range cases {
		env.doWith(c.token, "application/scim+json", c.method, c.path, c.body).want(t, c.status)
	}
	if r := env.doWith(otherToken, "", "GET", "/Users?filter="+q(`userName eq "tok1"`), "").want(t, http.StatusOK); r.total() != 0 {
		t.Fatalf("another tenant's token lists this tenant's people: %s", r.raw)
	}
	if r := env.do("GET", "/Users/"+uid, "").want(t, http.StatusOK); r.at("active") != true {
		t.Fatalf("another tenant's token changed the user: %s", r.raw)
	}
	// The API refuses a SCIM token.
	wantAPI(t, env.call(env.token, "GET", "/users", nil), http.StatusUnauthorized)
	// The token was used: last used is set (at most once a minute).
	toks, err := env.st.SCIMTokens(context.Background(), env.tenant.ID)
	if err != nil || toks[0].LastUsedAt.IsZero() {
		t.Fatalf("last used not recorded: %+v %v", toks, err)
	}
}

// TestSCIMTokenStates: a revoked token is 401; a tenant back in console
// mode is 403 (provisioning off), and external again works.
func TestSCIMTokenStates(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	env.do("GET", "/Users", "").want(t, http.StatusOK)
	env.setMode(store.Provisioning{Mode: store.ProvisioningConsole})
	r := env.do("GET", "/Users", "").want(t, http.StatusForbidden)
	env.do("POST", "/Users", `{"userName":"x","emails":[{"value":"x@acme.test"}]}`).want(t, http.StatusForbidden)
	if r.str("detail") == "" {
		t.Fatal("403 without detail")
	}
	env.setMode(store.Provisioning{Mode: store.ProvisioningExternal})
	env.do("GET", "/Users", "").want(t, http.StatusOK)
	if _, err := env.h.ops.RevokeSCIMToken(context.Background(), env.adminPrincipal(), env.tok.ID); err != nil {
		t.Fatal(err)
	}
	env.do("GET", "/Users", "").want(t, http.StatusUnauthorized)
}

// TestSCIMFailedAuthLimit: an address that fails too often is refused with
// 429 once it failed too often; a live token behind the same address (a
// provider's egress shared by many tenants) keeps working.
func TestSCIMFailedAuthLimit(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	for i := 0; i < 20; i++ {
		env.doWith("cst_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", "GET", "/Users", "").want(t, http.StatusUnauthorized)
	}
	r := env.doWith("cst_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", "GET", "/Users", "").want(t, http.StatusTooManyRequests)
	if r.header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	env.doWith("", "", "GET", "/Users", "").want(t, http.StatusTooManyRequests)
	// the live provider behind the same address keeps working
	env.do("GET", "/Users", "").want(t, http.StatusOK)
}
