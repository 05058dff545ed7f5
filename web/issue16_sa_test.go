package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// newService creates a service account through the console form and returns its id.
func newService(t *testing.T, c *client, name string) int64 {
	t.Helper()
	res := c.post("/service-accounts", url.Values{"name": {name}})
	wantStatus(t, res, http.StatusSeeOther)
	loc := strings.TrimSuffix(res.Header.Get("Location"), "?done=created")
	n, err := parseID(loc[strings.LastIndex(loc, "/")+1:])
	if err != nil {
		t.Fatalf("no id in %q", loc)
	}
	return n
}

func parseID(s string) (int64, error) {
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, http.ErrNotSupported
		}
		n = n*10 + int64(r-'0')
	}
	return n, nil
}

// events counts the audit events of action about target.
func (e *testEnv) events(action, targetType string, target int64) int {
	e.t.Helper()
	list, err := e.st.AuditEvents(context.Background(), e.tenant.ID, store.AuditFilter{Action: action,
		TargetType: targetType, TargetID: target, Limit: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(list)
}

func (e *testEnv) inGroups(id int64) []int64 {
	e.t.Helper()
	gs, err := e.st.AccountGroups(context.Background(), e.tenant.ID, id)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []int64
	for _, g := range gs {
		out = append(out, g.ID)
	}
	return out
}

// TestIssue16SARoleSwitch: a service account's roles are switches that save
// as soon as one changes, audited as a person's; the answer brings the
// switches and, out of band, the roles held. A switch beyond the actor's own
// access is refused with the reason, the switches as saved, nothing changed.
func TestIssue16SARoleSwitch(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	admin := env.signedIn("admin@acme.test")
	sa := newService(t, admin, "Sync")
	path := "/service-accounts/" + itoa(sa)

	page := admin.get(path)
	wantStatus(t, page, http.StatusOK)
	if page.doc.Find("#svc-roles-save").Length() != 0 || page.doc.Find(`#svc-role-toggles[hx-trigger="change"]`).Length() != 1 {
		t.Fatalf("the roles are not switches saving on change: %s", snippet(page.body))
	}
	member := itoa(env.roles["member"])
	if page.doc.Find(`#svc-role-toggles input[role="switch"]#svc-role-`+member).Length() != 1 {
		t.Fatal("no switch for the Member role")
	}

	res := admin.post(path+"/roles", url.Values{"role": {member}}, htmx("svc-role-toggles")...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("#svc-role-toggles [role=status]").Length() != 1 {
		t.Fatalf("no saved note in the switches: %s", snippet(res.body))
	}
	if !res.doc.Find("#svc-role-" + member).Is(":checked") {
		t.Fatal("the Member switch is not on after saving")
	}
	held := res.doc.Find(`#svc-roles-held[hx-swap-oob]`)
	if held.Length() != 1 || !strings.Contains(held.Text(), "Member") {
		t.Fatalf("the roles held are not refreshed out of band: %s", snippet(res.body))
	}
	if got := env.directRoles(sa); !slices.Equal(got, []int64{env.roles["member"]}) {
		t.Fatalf("roles %v, want Member", got)
	}
	if n := env.events(string(store.ActionUserRoles), "account", sa); n != 1 {
		t.Fatalf("%d user.roles events, want 1", n)
	}

	// A lesser actor (keys, no more) may not switch on a role beyond its own.
	env.customUser("keys@acme.test", "apikeys.manage", "users.view", "projects.view")
	lesser := env.signedIn("keys@acme.test")
	admins := itoa(env.roles["tenant_admin"])
	res = lesser.post(path+"/roles", url.Values{"role": {member, admins}}, htmx("svc-role-toggles")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := text(res.doc.Find("#svc-role-toggles [role=alert]")); msg == "" {
		t.Fatalf("no reason shown: %s", snippet(res.body))
	}
	if res.doc.Find("#svc-role-"+admins).Is(":checked") || !res.doc.Find("#svc-role-"+member).Is(":checked") {
		t.Fatal("the switches do not show the roles as saved")
	}
	if got := env.directRoles(sa); !slices.Equal(got, []int64{env.roles["member"]}) {
		t.Fatalf("roles %v after the refusal, want Member", got)
	}
	if n := env.events(string(store.ActionUserRoles), "account", sa); n != 1 {
		t.Fatalf("%d user.roles events after the refusal, want 1", n)
	}
}

// TestIssue16SAGroups: a service account's groups change on its page after
// creation: add and remove, audited; a group whose roles go beyond the
// actor's own is refused with the reason; another tenant's group or service
// account is not found.
func TestIssue16SAGroups(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	viewers, admins := serviceGroups(t, env)
	admin := env.signedIn("admin@acme.test")
	sa := newService(t, admin, "Sync")
	path := "/service-accounts/" + itoa(sa)

	page := admin.get(path)
	wantStatus(t, page, http.StatusOK)
	if page.doc.Find(`#svc-groups select[name="group_id"] option[value="`+itoa(viewers)+`"]`).Length() != 1 {
		t.Fatalf("no choice of a group to add to: %s", snippet(page.body))
	}

	res := admin.post(path+"/groups", url.Values{"group_id": {itoa(viewers)}}, htmx("svc-groups")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(text(res.doc.Find("#svc-groups [role=status]")), "Viewers") {
		t.Fatalf("no note of the change: %s", snippet(res.body))
	}
	if held := res.doc.Find(`#svc-roles-held[hx-swap-oob]`); !strings.Contains(held.Text(), "Viewers") {
		t.Fatalf("the roles held (via Viewers) are not refreshed: %s", snippet(res.body))
	}
	if res.doc.Find("#svc-group-remove-"+itoa(viewers)).Length() != 1 {
		t.Fatal("no Remove button for the group joined")
	}
	if got := env.inGroups(sa); !slices.Equal(got, []int64{viewers}) {
		t.Fatalf("groups %v, want Viewers", got)
	}
	if n := env.events(string(store.ActionGroupMembersAdd), "group", viewers); n != 1 {
		t.Fatalf("%d group.members.add events, want 1", n)
	}

	// Without htmx: a redirect back to the page.
	res = admin.post(path+"/groups/"+itoa(viewers)+"/remove", nil)
	wantStatus(t, res, http.StatusSeeOther)
	if got := env.inGroups(sa); len(got) != 0 {
		t.Fatalf("groups %v after removing, want none", got)
	}
	if n := env.events(string(store.ActionGroupMembersRemove), "group", viewers); n != 1 {
		t.Fatalf("%d group.members.remove events, want 1", n)
	}

	// A lesser actor may not add it to a group giving more than it holds.
	env.customUser("groups@acme.test", "apikeys.manage", "users.view", "projects.view", "groups.manage")
	lesser := env.signedIn("groups@acme.test")
	res = lesser.post(path+"/groups", url.Values{"group_id": {itoa(admins)}}, htmx("svc-groups")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := text(res.doc.Find("#svc-groups [role=alert]")); !strings.Contains(msg, "you can only give permissions you hold yourself") {
		t.Fatalf("refusal %q", msg)
	}
	if got := env.inGroups(sa); len(got) != 0 {
		t.Fatalf("groups %v after the refusal, want none", got)
	}
	// Without groups.manage the route itself refuses.
	env.customUser("keys@acme.test", "apikeys.manage", "users.view", "projects.view")
	wantStatus(t, env.signedIn("keys@acme.test").post(path+"/groups", url.Values{"group_id": {itoa(viewers)}}), http.StatusForbidden)

	// Another tenant's group or service account: not found, nothing changes.
	other, _ := env.newTenant("Other", "other")
	og, err := env.st.CreateGroup(context.Background(), store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	osa, err := env.st.CreateServiceAccount(context.Background(), store.Actor{TenantID: other.ID}, store.NewServiceAccount{Name: "Theirs"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, admin.post(path+"/groups", url.Values{"group_id": {itoa(og.ID)}}), http.StatusNotFound)
	wantStatus(t, admin.post("/service-accounts/"+itoa(osa.ID)+"/groups", url.Values{"group_id": {itoa(viewers)}}), http.StatusNotFound)
	wantStatus(t, admin.post("/service-accounts/"+itoa(osa.ID)+"/groups/"+itoa(viewers)+"/remove", nil), http.StatusNotFound)
	wantStatus(t, admin.post("/service-accounts/"+itoa(env.admin.ID)+"/groups", url.Values{"group_id": {itoa(viewers)}}), http.StatusNotFound)
	if got := env.inGroups(sa); len(got) != 0 {
		t.Fatalf("groups %v, want none", got)
	}
}

// TestIssue16SAGroupsAPI: the same through the API: PUT and DELETE
// /service-accounts/{id}/groups/{group_id}, audited, refused beyond the
// caller's access (403), another tenant's ids or a person's not found.
func TestIssue16SAGroupsAPI(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	viewers, admins := serviceGroups(t, env)
	adminKey, _ := env.keyFor(env.admin, time.Time{})
	sa := newService(t, env.signedIn("admin@acme.test"), "Sync")
	path := "/service-accounts/" + itoa(sa) + "/groups/"

	wantAPI(t, env.call(adminKey, http.MethodPut, path+itoa(viewers), nil), http.StatusNoContent)
	if got := env.inGroups(sa); !slices.Equal(got, []int64{viewers}) {
		t.Fatalf("groups %v, want Viewers", got)
	}
	if n := env.events(string(store.ActionGroupMembersAdd), "group", viewers); n != 1 {
		t.Fatalf("%d group.members.add events, want 1", n)
	}
	wantAPI(t, env.call(adminKey, http.MethodDelete, path+itoa(viewers), nil), http.StatusNoContent)
	if got := env.inGroups(sa); len(got) != 0 {
		t.Fatalf("groups %v, want none", got)
	}
	if n := env.events(string(store.ActionGroupMembersRemove), "group", viewers); n != 1 {
		t.Fatalf("%d group.members.remove events, want 1", n)
	}

	lesser := env.customUser("groups@acme.test", "apikeys.manage", "users.view", "projects.view", "groups.manage")
	lesserKey, _ := env.keyFor(lesser, time.Time{})
	wantAPI(t, env.call(lesserKey, http.MethodPut, path+itoa(admins), nil), http.StatusForbidden)
	// and the role switch's API twin refuses a role beyond, too
	wantAPI(t, env.call(lesserKey, http.MethodPut, "/service-accounts/"+itoa(sa)+"/roles",
		map[string]any{"role_ids": []int64{env.roles["tenant_admin"]}}), http.StatusForbidden)
	if got := env.inGroups(sa); len(got) != 0 {
		t.Fatalf("groups %v after the refusal, want none", got)
	}
	if got := env.directRoles(sa); len(got) != 0 {
		t.Fatalf("roles %v after the refusal, want none", got)
	}

	other, _ := env.newTenant("Other", "other")
	og, err := env.st.CreateGroup(context.Background(), store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	osa, err := env.st.CreateServiceAccount(context.Background(), store.Actor{TenantID: other.ID}, store.NewServiceAccount{Name: "Theirs"})
	if err != nil {
		t.Fatal(err)
	}
	wantAPI(t, env.call(adminKey, http.MethodPut, path+itoa(og.ID), nil), http.StatusNotFound)
	wantAPI(t, env.call(adminKey, http.MethodPut, "/service-accounts/"+itoa(osa.ID)+"/groups/"+itoa(viewers), nil), http.StatusNotFound)
	wantAPI(t, env.call(adminKey, http.MethodPut, "/service-accounts/"+itoa(env.admin.ID)+"/groups/"+itoa(viewers), nil), http.StatusNotFound)
}
