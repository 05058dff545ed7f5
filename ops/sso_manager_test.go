package ops_test

import (
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// TestSSODisableRefusedForLastManagers: when the connection's SSO people are
// the only ones who can manage users, disabling or removing it is refused
// with a message on the Enabled field, and the connection stays as it was;
// a password Admin beside them lets it go.
func TestSSODisableRefusedForLastManagers(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	tn, _ := w.tenant("acme")
	admin := w.account(tn.ID, "sam", "admin", "active") // an SSO Admin, sam@example.test, not linked yet
	f := form.SSO{DisplayName: "Acme ID", Issuer: "https://id.acme.test", ClientID: "console", Domains: []string{"example.test"}, Enabled: true}
	if err := w.ops.SaveSSO(w.ctx, admin, f); err != nil {
		t.Fatal(err)
	}
	off := f
	off.Enabled, off.DisplayName = false, "Renamed"
	for name, err := range map[string]error{"disable": w.ops.SaveSSO(w.ctx, admin, off), "remove": w.ops.RemoveSSO(w.ctx, admin)} {
		e, ok := ops.As(err)
		if !ok || e.Kind != ops.Conflict || e.Key != "sso_err_last_manager" || e.Fields["enabled"] == "" {
			t.Fatalf("%s the only managers' connection: %v", name, err)
		}
	}
	if c, err := w.st.SSOConnection(w.ctx, tn.ID); err != nil || !c.Enabled || c.DisplayName != "Acme ID" {
		t.Fatalf("a refused change altered the connection: %+v %v", c, err)
	}

	if _, err := w.st.CreateAccount(w.ctx, store.Actor{TenantID: tn.ID}, store.NewAccount{
		Profile: store.Profile{FirstName: "Pat", LastName: "Tester", Email: "pat@example.test", Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: "admin"},
		Login: "pat", Status: "active", AuthMethod: "password", PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := w.ops.SaveSSO(w.ctx, admin, off); err != nil {
		t.Fatalf("disable beside a password Admin: %v", err)
	}
}
