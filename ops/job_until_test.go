package ops_test

import (
	"context"
	"testing"
	"time"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// directEnd is when a's direct role roleID ends (zero: never), and whether
// a holds it at all.
func (w *acme) directEnd(a int64, roleID, groupID int64) (time.Time, bool) {
	w.t.Helper()
	held, err := w.st.HeldRoles(context.Background(), w.tenant.ID, a)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, h := range held {
		if h.RoleID == roleID && h.GroupID == groupID {
			return h.ExpiresAt, true
		}
	}
	return time.Time{}, false
}

// A bulk grant with an end date: a new grant ends then, one ending sooner is
// extended to it, one held for good or longer is left as it is (adding never
// takes access away); each change is audited, roles and groups alike.
func TestBulkGrantUntilNeverShortensAccess(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "auditor", "member")
	now := w.st.Now()
	day := func(d int) time.Time { return now.Add(time.Duration(d) * 24 * time.Hour).UTC().Truncate(time.Second) }
	until := day(30).Truncate(24 * time.Hour) // a date: the start of its day, UTC

	// the auditor role directly, and a group giving it
	g, err := w.st.CreateGroup(ctx, store.Actor{TenantID: w.tenant.ID}, "Contractors", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetGroupRoles(ctx, store.Actor{TenantID: w.tenant.ID}, g.ID, []int64{w.roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	fresh, forever, sooner, later := w.person("fresh", "standard"), w.person("forever", "standard", "auditor"),
		w.person("sooner", "standard", "auditor"), w.person("later", "standard", "auditor")
	sys := store.Actor{TenantID: w.tenant.ID}
	for _, x := range []struct {
		a  store.Account
		at time.Time
	}{{sooner, day(3)}, {later, day(90)}} {
		if err := w.st.SetRoleExpiry(ctx, sys, x.a.ID, w.roles["auditor"], x.at); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []store.Account{forever, sooner, later} {
		if _, err := w.st.AddMembers(ctx, sys, g.ID, []int64{a.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.st.SetMembershipExpiry(ctx, sys, g.ID, sooner.ID, day(3)); err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetMembershipExpiry(ctx, sys, g.ID, later.ID, day(90)); err != nil {
		t.Fatal(err)
	}
	ids := []int64{fresh.ID, forever.ID, sooner.ID, later.ID}
	want := map[int64]time.Time{fresh.ID: until, forever.ID: {}, sooner.ID: until, later.ID: day(90)}
	for _, spec := range []ops.JobSpec{
		{Action: "add_role", Params: ops.JobParams{RoleID: w.roles["auditor"], ExpiresAt: until.Format(time.DateOnly)}, IDs: ids},
		{Action: "add_to_group", Params: ops.JobParams{GroupID: g.ID, ExpiresAt: until.Format(time.RFC3339)}, IDs: ids},
	} {
		j, err := w.ops.StartJob(ctx, w.as(boss), spec)
		if err != nil {
			t.Fatal(err)
		}
		drain(t, w.ops, 10)
		got, _ := w.st.Job(ctx, w.tenant.ID, j.ID)
		for id, it := range w.outcomes(j.ID) {
			t.Logf("%s %d: %s %s", spec.Action, id, it.Outcome, it.Reason)
		}
		if got.Done != 2 || got.Skipped != 2 || got.Failed != 0 {
			t.Errorf("%s: job %+v, want 2 changed (fresh, sooner) and 2 left", spec.Action, got)
		}
		groupID := map[string]int64{"add_role": 0, "add_to_group": g.ID}[spec.Action]
		for _, id := range ids {
			end, held := w.directEnd(id, w.roles["auditor"], groupID)
			if !held || !end.Equal(want[id]) {
				t.Errorf("%s: account %d holds it %v until %v, want until %v", spec.Action, id, held, end, want[id])
			}
		}
	}
	// fresh: granted (user.roles) and given its end; sooner: extended
	if n := w.eventsOf(store.ActionUserRoleExpiry); n[fresh.ID] != 1 || n[sooner.ID] != 2 || n[forever.ID] != 0 || n[later.ID] != 1 {
		t.Errorf("role expiry events %v", n)
	}
	if n := w.eventsOf(store.ActionUserRoles); n[fresh.ID] != 1 {
		t.Errorf("role grant events %v, want one for fresh", n)
	}
	if n := w.eventsOf(store.ActionGroupMemberExpiry)[g.ID]; n != 2+2 { // the set-up's two, fresh's and sooner's
		t.Errorf("%d membership expiry events, want 4", n)
	}
}

// A bulk end date is judged like one in the sidebar (not past, a date),
// only for the actions that grant, and the act-for rule still holds: a
// User Manager cannot hand out Tenant Administrator even for a day.
func TestBulkGrantUntilRefusals(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "member")
	p := w.person("p", "standard", "member")
	tomorrow := w.st.Now().Add(48 * time.Hour).Format(time.DateOnly)
	for _, c := range []struct {
		spec  ops.JobSpec
		field string
	}{
		{ops.JobSpec{Action: "add_role", Params: ops.JobParams{RoleID: w.roles["auditor"], ExpiresAt: "2001-01-01"}}, "expires_at"},
		{ops.JobSpec{Action: "add_role", Params: ops.JobParams{RoleID: w.roles["auditor"], ExpiresAt: "next week"}}, "expires_at"},
		{ops.JobSpec{Action: "add_role", Params: ops.JobParams{RoleID: w.roles["auditor"], ExpiresAt: "12026-01-01"}}, "expires_at"},
		{ops.JobSpec{Action: "deactivate", Params: ops.JobParams{ExpiresAt: tomorrow}}, "expires_at"},
		{ops.JobSpec{Action: "remove_role", Params: ops.JobParams{RoleID: w.roles["member"], ExpiresAt: tomorrow}}, "expires_at"},
	} {
		c.spec.IDs = []int64{p.ID}
		_, err := w.ops.StartJob(ctx, w.as(boss), c.spec)
		e, ok := ops.As(err)
		if !ok || e.Kind != ops.Invalid || e.Fields[c.field] == "" {
			t.Errorf("%s %q: %v, want refused on %s", c.spec.Action, c.spec.Params.ExpiresAt, err, c.field)
		}
	}
	j, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "add_role", IDs: []int64{p.ID},
		Params: ops.JobParams{RoleID: w.roles["tenant_admin"], ExpiresAt: tomorrow}})
	if err != nil {
		t.Fatal(err)
	}
	drain(t, w.ops, 10)
	if it := w.outcomes(j.ID)[p.ID]; it.Outcome != "skipped" {
		t.Fatalf("Tenant Administrator for a day, given by a User Manager: %+v, want skipped", it)
	}
	if _, held := w.directEnd(p.ID, w.roles["tenant_admin"], 0); held {
		t.Fatal("the User Manager gave Tenant Administrator")
	}
}
