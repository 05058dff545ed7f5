package web

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/console-dev/console/store"
)

// TestReview14_SCIMGroupKeepsTheLastManager (GUARD: nothing else drives
// SCIMSaveGroup / SCIMDeleteGroup into the last-manager check): when the
// only person able to manage users holds users.manage through a group the
// provider manages, Okta's PUT without them, Entra ID's PATCH remove and
// the provider's DELETE of the group are all 409, and they keep the group.
func TestReview14_SCIMGroupKeepsTheLastManager(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	ctx := context.Background()
	um := env.user("uma@acme.test", "standard", "active")
	umID := strconv.FormatInt(um.ID, 10)
	gid := env.do("POST", "/Groups", `{"displayName":"User managers","members":[{"value":"`+umID+`"}]}`).want(t, http.StatusCreated).str("id")
	g, _ := strconv.ParseInt(gid, 10, 64)
	if err := env.h.ops.SetGroupRoles(ctx, env.adminPrincipal(), g, []int64{env.roles["user_manager"]}); err != nil {
		t.Fatal(err)
	}
	// The Admin leaves: Uma is now the last manager.
	if _, err := env.st.SetStatus(ctx, store.Actor{TenantID: env.tenant.ID}, env.admin.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, method, body string }{
		{"Okta PUT without her", "PUT", `{"displayName":"User managers","members":[]}`},
		{"Entra ID PATCH remove", "PATCH", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"` + umID + `\"]"}]}`},
		{"Entra ID PATCH replace members", "PATCH", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"members","value":[]}]}`},
		{"DELETE of the group", "DELETE", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env.do(tc.method, "/Groups/"+gid, tc.body).want(t, http.StatusConflict)
			got, err := env.st.Group(ctx, env.tenant.ID, g)
			if err != nil || got.Members != 1 {
				t.Fatalf("the last manager lost the group: %+v %v", got, err)
			}
		})
	}
}
