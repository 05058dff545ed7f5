package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPILastManagerIgnoresSSO: an SSO admin of a tenant without an enabled
// single sign-on connection cannot sign in, so the only Admin with a
// password cannot demote themselves through the API.
func TestAPILastManagerIgnoresSSO(t *testing.T) {
	env := newEnv(t)
	sso := store.NewAccount{Profile: profileOf(store.Account{Email: "sso@acme.test", Language: "en", TimeZone: "UTC",
		Currency: "USD", UserType: "admin"}, "Sam", "Sso"), Login: "sso", Status: "active", AuthMethod: "sso"}
	if _, err := env.st.CreateAccount(context.Background(), actorFor(env), sso); err != nil {
		t.Fatal(err)
	}
	key, _ := env.keyFor(env.admin, time.Time{})
	res := env.call(key, http.MethodPatch, "/users/"+id(env.admin), map[string]any{"user_type": "standard"})
	wantAPI(t, res, http.StatusConflict)
	if d, _ := res.body["detail"].(string); d != "Refused: nobody else could then manage users in this tenant." {
		t.Fatalf("detail %q", d)
	}
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, env.admin.ID); a.UserType != "admin" {
		t.Fatalf("the Admin was demoted: %s", a.UserType)
	}
}
