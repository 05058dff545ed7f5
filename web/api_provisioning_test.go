package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPIProvisioningSettings: a deployment script reads and switches the
// provisioning mode and the DELETE behaviour through /api/v1/settings;
// a value outside the choices is a 422 naming its field and changes
// nothing, not even the other fields of the body.
func TestAPIProvisioningSettings(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	r := env.call(key, http.MethodGet, "/settings", nil)
	wantAPI(t, r, http.StatusOK)
	if r.body["provisioning"] != "console" || r.body["scim_delete"] != "deactivate" {
		t.Fatalf("defaults %s", r.raw)
	}
	r = env.call(key, http.MethodPatch, "/settings", map[string]any{"provisioning": "external", "scim_delete": "delete"})
	wantAPI(t, r, http.StatusOK)
	if r.body["provisioning"] != "external" || r.body["scim_delete"] != "delete" {
		t.Fatalf("PATCH answer %s", r.raw)
	}
	if pr, _ := env.st.Provisioning(ctx, env.tenant.ID); pr.Mode != store.ProvisioningExternal || !pr.DeleteRemoves {
		t.Fatalf("saved %+v", pr)
	}
	// Changing another setting keeps the provisioning as it is.
	wantAPI(t, env.call(key, http.MethodPatch, "/settings", map[string]any{"invite_days": 5}), http.StatusOK)
	if pr, _ := env.st.Provisioning(ctx, env.tenant.ID); pr.Mode != store.ProvisioningExternal || !pr.DeleteRemoves {
		t.Fatalf("an unrelated PATCH changed provisioning: %+v", pr)
	}
	for _, tc := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"unknown mode", map[string]any{"provisioning": "scim", "invite_days": 9}, "provisioning"},
		{"empty mode", map[string]any{"provisioning": ""}, "provisioning"},
		{"mode not a string", map[string]any{"provisioning": true}, "provisioning"},
		{"unknown delete", map[string]any{"scim_delete": "purge", "invite_days": 9}, "scim_delete"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := env.call(key, http.MethodPatch, "/settings", tc.body)
			wantAPI(t, r, http.StatusUnprocessableEntity)
			if !fieldErrors(r)[tc.field] {
				t.Fatalf("errors %s, want %s", r.raw, tc.field)
			}
		})
	}
	if st, _ := env.st.Settings(ctx, env.tenant.ID); st.InviteDays != 5 {
		t.Fatalf("a refused PATCH changed the settings: %+v", st)
	}
	wantAPI(t, env.call(key, http.MethodPatch, "/settings", map[string]any{"provisioning": "console"}), http.StatusOK)
	if pr, _ := env.st.Provisioning(ctx, env.tenant.ID); pr.Mode != store.ProvisioningConsole || !pr.DeleteRemoves {
		t.Fatalf("switching back: %+v", pr)
	}
}
