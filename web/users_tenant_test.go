package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestOtherTenantsUsersAreInvisible(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	other, otherRoles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, otherRoles, "stranger@other.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	for _, path := range []string{"/users/" + id(stranger) + "/edit", "/users/abc/edit", "/users/-1/edit"} {
		wantStatus(t, c.get(path), http.StatusNotFound)
	}
	for _, action := range []string{"", "/roles", "/deactivate", "/activate"} {
		res := c.post("/users/"+id(stranger)+action, url.Values{"first_name": {"X"}})
		wantStatus(t, res, http.StatusNotFound)
	}
	if strings.Contains(c.get("/users?norole=1&deactivated=1&q=stranger").body, "stranger@other.test") {
		t.Fatal("another tenant's user is listed")
	}
	a, _ := env.st.Account(context.Background(), other.ID, stranger.ID)
	if a.Status != "active" || a.FirstName != "Stranger" {
		t.Fatal("another tenant's user was changed")
	}
}
