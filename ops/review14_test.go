package ops_test

import (
	"testing"

	"github.com/console-dev/console/ops"
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
