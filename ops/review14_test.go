package ops_test

import (
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// TestReview14_ProviderOutsideSCIM: the provider's principal (ops.Provider)
// is meant for the SCIM operations only; ops.CreateSCIMToken skips its
// Admin check for it (p.SCIMTokenID != 0), and the provider guard grants
// everything, so any other operation handed the provider's principal runs
// as a super-Admin: a token minting more tokens (surviving its own
// revocation), switching the tenant back to console mode, or making someone
// Admin by role. Each must be refused.
func TestReview14_ProviderOutsideSCIM(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningExternal)
	zoe := w.scimUser("zoe")
	for _, tc := range []struct {
		name string
		do   func() error
	}{
		{"give a provisioned person the Tenant Administrator role", func() error {
			return w.ops.SetRoles(w.ctx, w.provider, zoe.ID, []int64{w.roles["tenant_admin"]})
		}},
		{"mint another SCIM token", func() error { _, _, err := w.ops.CreateSCIMToken(w.ctx, w.provider, "Shadow"); return err }},
		// last: once it worked, the provider is off
		{"switch provisioning to console", func() error {
			return w.ops.SetProvisioning(w.ctx, w.provider, store.Provisioning{Mode: store.ProvisioningConsole})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			if err == nil {
				t.Fatal("the identity provider's principal did it")
			}
			if e, ok := ops.As(err); !ok || e.Kind != ops.Forbidden {
				t.Fatalf("err = %v, want Forbidden", err)
			}
		})
	}
}

// TestReview14_LockReturnsWithExternalMode (GUARD: only the unlock is
// tested elsewhere): a person and a group the provider made, edited in the
// console while the tenant was back in console mode, are the provider's
// again once the tenant returns to external mode.
func TestReview14_LockReturnsWithExternalMode(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningExternal)
	zoe := w.scimUser("zoe")
	g, err := w.ops.SCIMCreateGroup(w.ctx, w.provider, store.SCIMGroup{Name: "Sales", Members: []int64{zoe.ID}})
	if err != nil {
		t.Fatal(err)
	}
	edit := form.User{FirstName: "Renamed", LastName: zoe.LastName, Email: zoe.Email, Language: zoe.Language,
		TimeZone: zoe.TimeZone, Currency: zoe.Currency, UserType: zoe.UserType}
	for _, mode := range []string{store.ProvisioningConsole, store.ProvisioningExternal} {
		if err := w.ops.SetProvisioning(w.ctx, w.admin, store.Provisioning{Mode: mode}); err != nil {
			t.Fatal(err)
		}
		if mode == store.ProvisioningConsole {
			if _, err := w.ops.UpdateUser(w.ctx, w.admin, zoe.ID, edit); err != nil {
				t.Fatalf("console mode: %v", err)
			}
			if _, err := w.ops.UpdateGroup(w.ctx, w.admin, g.ID, "Sales console", ""); err != nil {
				t.Fatalf("console mode: %v", err)
			}
			continue
		}
		edit.FirstName = "Again"
		_, err := w.ops.UpdateUser(w.ctx, w.admin, zoe.ID, edit)
		if e := refused(t, err, ops.Conflict); e.Key != "scim_err_managed" {
			t.Fatalf("external again, person not locked: %v", e.Key)
		}
		_, err = w.ops.SetStatus(w.ctx, w.admin, zoe.ID, "deactivated")
		refused(t, err, ops.Conflict)
		_, err = w.ops.UpdateGroup(w.ctx, w.admin, g.ID, "Renamed", "")
		refused(t, err, ops.Conflict)
		_, err = w.ops.RemoveMembers(w.ctx, w.admin, g.ID, []int64{zoe.ID})
		refused(t, err, ops.Conflict)
	}
}
