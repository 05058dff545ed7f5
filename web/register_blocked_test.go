package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/console-dev/console/store"
)

// A deactivated tenant's people cannot sign in,
// so its registration page must be closed too: no new accounts (nor
// verification mails, nor emails reserved in the tree) in a deactivated
// organisation.
func TestRegistrationClosedInADeactivatedTenant(t *testing.T) {
	t.Parallel()
	env := newTenantsEnv(t)
	ctx := context.Background()
	set := store.Settings{SelfRegistration: true, InviteDays: 7}
	if err := env.st.UpdateSettings(ctx, store.Actor{TenantID: env.beta.ID}, set); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.SetTenantStatus(ctx, store.Actor{TenantID: env.tenant.ID, AccountID: env.admin.ID}, env.beta.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	c := env.client()
	page := c.get("/register/beta")
	c.post("/register/beta", regForm("Reg", "Istrant", "reg@beta.test"))
	if _, ok := env.accountByEmail("reg@beta.test"); ok {
		t.Error("an account was registered in a deactivated tenant")
	}
	wantStatus(t, page, http.StatusNotFound)
}
