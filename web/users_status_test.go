package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/console-dev/console/store"
)

func TestDeactivationEndsSessions(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("bob@acme.test", "standard", "active", "user_manager")
	bob := env.signedIn("bob@acme.test")
	wantStatus(t, bob.get("/users"), http.StatusOK)
	admin := env.signedIn("admin@acme.test")
	b, _ := env.st.AccountByEmail(context.Background(), env.tenant.ID, "bob@acme.test")
	res := admin.post("/users/"+id(b)+"/deactivate", nil, htmx("user-"+id(b))...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("tr.disabled .badge").Text() != "Disabled" {
		t.Fatal("row not greyed with a Disabled badge")
	}
	wantStatus(t, bob.get("/users"), http.StatusSeeOther)
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "user.deactivate"})
	if len(ev) != 1 {
		t.Fatal("deactivation not audited")
	}
	wantStatus(t, admin.post("/users/"+id(b)+"/activate", nil), http.StatusSeeOther)
	res, _ = env.client().signIn("bob@acme.test", testPassword, "")
	wantStatus(t, res, http.StatusSeeOther)
}
