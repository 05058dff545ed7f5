package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/console-dev/console/store"
)

// review14Tree is acme in external mode with its token, a service account
// of acme, and a customer tenant below acme, in external mode with its own
// token, where an acme person is a member from above.
type review14Tree struct {
	*scimEnv
	svc        store.ServiceAccount
	child      store.Tenant
	childToken string
	childAdmin store.Account
	above      store.Account // acme's person, a member of child
}

func newReview14Tree(t *testing.T) *review14Tree {
	t.Helper()
	ctx := context.Background()
	w := &review14Tree{scimEnv: newSCIMEnv(t)}
	svc, err := w.st.CreateServiceAccount(ctx, actorFor(w.testEnv), store.NewServiceAccount{Name: "Billing bot"})
	if err != nil {
		t.Fatal(err)
	}
	w.svc = svc
	child, roles := w.customer("Child", "child", w.tenant.ID)
	w.child = child
	w.childAdmin = w.userIn(child.ID, roles, "admin@child.test", "admin", "active")
	if err := w.h.ops.SetProvisioning(ctx, consolePrincipal(child.ID, w.childAdmin.ID), store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	w.childToken, _ = w.scimToken(child.ID, w.childAdmin)
	w.above = w.user("above@acme.test", "standard", "active")
	if _, err := w.st.SetMemberRoles(ctx, store.Actor{TenantID: child.ID}, w.above.ID, []int64{roles["member"]}); err != nil {
		t.Fatal(err)
	}
	return w
}

// inChild sends a SCIM request with the customer tenant's token.
func (w *review14Tree) inChild(method, path, body string) scimRes {
	w.t.Helper()
	return w.doWith(w.childToken, "application/scim+json", method, path, body)
}

// consoleGroup is a group made in the console of tenantID with members.
func (w *review14Tree) consoleGroup(tenantID, adminID int64, name string, members ...int64) store.Group {
	w.t.Helper()
	ctx := context.Background()
	by := store.Actor{TenantID: tenantID, AccountID: adminID}
	g, err := w.st.CreateGroup(ctx, by, name, "")
	if err != nil {
		w.t.Fatal(err)
	}
	if g, err = w.st.AddMembers(ctx, by, g.ID, members); err != nil {
		w.t.Fatal(err)
	}
	return g
}

func (w *review14Tree) memberIDs(tenantID, groupID int64) []int64 {
	w.t.Helper()
	ms, err := w.st.GroupMembers(context.Background(), tenantID, groupID, "", 0, 500)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []int64
	for _, m := range ms {
		out = append(out, m.AccountID)
	}
	return out
}

// TestReview14_SCIMGroupTakesServiceAccount: service accounts are no SCIM
// Users (GET /Users/:id is 404), yet Entra ID / Okta can name one as a
// member of a group they push (POST or PATCH add), handing an application
// the group's roles. A member value that is not a User of the tenant must
// be 400 invalidValue, as an unknown id is, and nothing joins.
func TestReview14_SCIMGroupTakesServiceAccount(t *testing.T) {
	t.Parallel()
	w := newReview14Tree(t)
	sid := itoa(w.svc.ID)
	w.do("GET", "/Users/"+sid, "").want(t, http.StatusNotFound)
	gid := w.do("POST", "/Groups", `{"displayName":"Sales"}`).want(t, http.StatusCreated).str("id")
	for _, tc := range []struct{ name, method, path, body string }{
		{"Okta POST /Groups with an application as a member", "POST", "/Groups",
			`{"displayName":"Bots","members":[{"value":"` + sid + `"}]}`},
		{"Entra ID PATCH add of an application", "PATCH", "/Groups/" + gid,
			`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"` + sid + `"}]}]}`},
		{"Okta PUT /Groups with an application as a member", "PUT", "/Groups/" + gid,
			`{"displayName":"Sales","members":[{"value":"` + sid + `"}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.do(tc.method, tc.path, tc.body).want(t, http.StatusBadRequest, "invalidValue")
		})
	}
	groups, _, err := w.st.SCIMGroups(context.Background(), w.tenant.ID, "", nil, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		if slices.Contains(w.memberIDs(w.tenant.ID, g.ID), w.svc.ID) {
			t.Errorf("the provider put the service account in group %q", g.Name)
		}
	}
}

// TestReview14_SCIMGroupShowsInvisibleMembers: GET /Groups lists, as
// members with a $ref to /Users/:id, accounts the provider cannot see as
// Users (404): a service account of the tenant and, in a customer tenant,
// a member from above, whose name the customer's provider then reads.
// Members must be the tenant's own people only.
func TestReview14_SCIMGroupShowsInvisibleMembers(t *testing.T) {
	t.Parallel()
	w := newReview14Tree(t)
	apps := w.consoleGroup(w.tenant.ID, w.admin.ID, "Apps", w.svc.ID)
	mixed := w.consoleGroup(w.child.ID, w.childAdmin.ID, "Mixed", w.above.ID)
	for _, tc := range []struct {
		name   string
		get    func(string, string, string) scimRes
		path   string
		hidden int64
	}{
		{"Entra ID reads a group holding a service account", w.do, "/Groups/" + itoa(apps.ID), w.svc.ID},
		{"Okta lists groups holding a service account", w.do, "/Groups", w.svc.ID},
		{"a customer's Entra ID reads a group holding a member from above", w.inChild, "/Groups/" + itoa(mixed.ID), w.above.ID},
		{"a customer's Okta lists groups holding a member from above", w.inChild, "/Groups", w.above.ID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.get("GET", tc.path, "").want(t, http.StatusOK)
			tc.get("GET", "/Users/"+itoa(tc.hidden), "").want(t, http.StatusNotFound)
			var groups []any
			if r.body["Resources"] != nil {
				groups = r.resources(t)
			} else {
				groups = []any{r.body}
			}
			for _, g := range groups {
				for _, m := range asAny(g.(map[string]any)["members"]) {
					if m.(map[string]any)["value"] == itoa(tc.hidden) {
						t.Fatalf("members list account %d, no SCIM User: %v", tc.hidden, m)
					}
				}
			}
		})
	}
}

func asAny(v any) []any { l, _ := v.([]any); return l }

// TestReview14_SCIMGroupStuckOnMemberFromAbove: a customer's group that
// holds a member from above (added in the console) can never be synced:
// Okta's PUT with the members it knows and Entra ID's PATCH remove are 403
// for good (the provider cannot know that member, nor add them back), so
// the group stays out of sync. The provider's change of the tenant's own
// people must apply and leave the member from above alone.
func TestReview14_SCIMGroupStuckOnMemberFromAbove(t *testing.T) {
	t.Parallel()
	w := newReview14Tree(t)
	kid := w.inChild("POST", "/Users", `{"userName":"kid","emails":[{"value":"kid@child.test"}]}`).want(t, http.StatusCreated).str("id")
	g := w.consoleGroup(w.child.ID, w.childAdmin.ID, "Mixed", w.above.ID)
	gid := itoa(g.ID)
	for _, tc := range []struct{ name, method, body string }{
		{"Okta PUT with the members it provisions", "PUT", `{"displayName":"Mixed","members":[{"value":"` + kid + `"}]}`},
		{"Entra ID PATCH add of its user", "PATCH", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"members","value":[{"value":"` + kid + `"}]}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := w.inChild(tc.method, "/Groups/"+gid, tc.body)
			if r.status != http.StatusOK && r.status != http.StatusNoContent {
				t.Fatalf("status %d, want the change of the tenant's own people applied: %s", r.status, snippet(r.raw))
			}
			got := w.memberIDs(w.child.ID, g.ID)
			if !slices.Contains(got, w.above.ID) {
				t.Fatalf("the provider removed a member from above: %v", got)
			}
		})
	}
}

// TestReview14_SCIMGroupPutDropsServiceAccount: Okta's PUT /Groups of a
// console group it claims (found by displayName) names the people it
// provisions; an application the console put there (a service account
// the provider cannot see) silently loses the group and its roles. Members
// the provider cannot see must stay.
func TestReview14_SCIMGroupPutDropsServiceAccount(t *testing.T) {
	t.Parallel()
	w := newReview14Tree(t)
	zoe := w.createUser("zoe")
	zid, _ := strconv.ParseInt(zoe, 10, 64)
	g := w.consoleGroup(w.tenant.ID, w.admin.ID, "Engineering", w.svc.ID, zid)
	w.do("PUT", "/Groups/"+itoa(g.ID), `{"displayName":"Engineering","members":[{"value":"`+zoe+`"}]}`).want(t, http.StatusOK)
	if got := w.memberIDs(w.tenant.ID, g.ID); !slices.Contains(got, w.svc.ID) {
		t.Fatalf("the provider's PUT removed the service account it cannot see: %v", got)
	}
}

// TestReview14_SCIMMemberFromAboveOracle: a customer's provider that names
// an id as a member learns whether it is a person of an ancestor tenant
// (403 "belongs to a tenant above yours") or nobody (400): it must be the
// same 400 invalidValue as any id that is not a User it can see.
func TestReview14_SCIMMemberFromAboveOracle(t *testing.T) {
	t.Parallel()
	w := newReview14Tree(t)
	unknown := w.inChild("POST", "/Groups", `{"displayName":"A","members":[{"value":"999999"}]}`).want(t, http.StatusBadRequest, "invalidValue")
	above := w.inChild("POST", "/Groups", `{"displayName":"B","members":[{"value":"`+itoa(w.above.ID)+`"}]}`)
	above.want(t, http.StatusBadRequest, "invalidValue")
	if above.str("detail") != unknown.str("detail") {
		t.Fatalf("the detail tells a member from above apart: %q vs %q", above.str("detail"), unknown.str("detail"))
	}
}
