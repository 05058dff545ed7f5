package ops_test

import (
	"context"
	"testing"
	"time"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// Under external provisioning an end is a removal at a date: the console
// may not set one on the provider's person, nor on a membership of the
// provider's group, by the single action or a bulk grant with Until.
func TestEndsRespectTheProvidersLock(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningExternal)
	zoe := w.scimUser("zoe")
	g, err := w.ops.SCIMCreateGroup(w.ctx, w.provider, store.SCIMGroup{Name: "Sales", ExternalID: "g1", Members: []int64{zoe.ID}})
	if err != nil {
		t.Fatal(err)
	}
	next := time.Now().AddDate(0, 1, 0).UTC().Format(time.DateOnly)
	if e := refused(t, w.ops.SetAccountExpiry(w.ctx, w.admin, zoe.ID, next), ops.Conflict); e.Key != "scim_err_managed" {
		t.Fatalf("console ended the provider's person: %v", e.Key)
	}
	if e := refused(t, w.ops.SetMembershipExpiry(w.ctx, w.admin, g.ID, zoe.ID, next), ops.Conflict); e.Key != "scim_err_managed" {
		t.Fatalf("console ended a membership of the provider's group: %v", e.Key)
	}
	j, err := w.ops.StartJob(w.ctx, w.admin, ops.JobSpec{Action: "add_to_group", IDs: []int64{zoe.ID},
		Params: ops.JobParams{GroupID: g.ID, ExpiresAt: next}})
	if err != nil {
		t.Fatal(err)
	}
	for {
		n, err := w.ops.WorkJobs(w.ctx, 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	items, _ := w.st.JobItems(w.ctx, j.ID, 0, 0)
	if len(items) != 1 || items[0].Outcome != "skipped" || items[0].Reason != "scim_err_managed" {
		t.Fatalf("bulk Until on the provider's group: %+v, want skipped as managed", items)
	}
	held, _ := w.st.HeldRoles(w.ctx, w.tenant.ID, zoe.ID)
	for _, h := range held {
		if !h.ExpiresAt.IsZero() {
			t.Fatalf("an end was set: %+v", h)
		}
	}
	if a, _ := w.st.Account(w.ctx, w.tenant.ID, zoe.ID); !a.ExpiresAt.IsZero() {
		t.Fatalf("zoe ends %v", a.ExpiresAt)
	}
}

// A bulk grant whose end has passed by the time its item runs gives
// nothing (not a grant without end).
func TestBulkGrantUntilPassedGivesNothing(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	boss := w.person("boss", "standard", "user_manager", "auditor", "member")
	p := w.person("p", "standard")
	now := time.Now()
	until := now.Add(48 * time.Hour).UTC().Format(time.DateOnly)
	j, err := w.ops.StartJob(context.Background(), w.as(boss), ops.JobSpec{Action: "add_role", IDs: []int64{p.ID},
		Params: ops.JobParams{RoleID: w.roles["auditor"], ExpiresAt: until}})
	if err != nil {
		t.Fatal(err)
	}
	w.st.SetClock(func() time.Time { return now.Add(96 * time.Hour) })
	late := ops.New(w.st, nil, noLinks{}, func() time.Time { return now.Add(96 * time.Hour) })
	drain(t, late, 10)
	if it := w.outcomes(j.ID)[p.ID]; it.Outcome != "skipped" || it.Reason == "" {
		t.Fatalf("item %+v, want skipped for the end that has passed", it)
	}
	if _, held := w.directEnd(p.ID, w.roles["auditor"], 0); held {
		t.Fatal("a grant whose end had passed was given (without end)")
	}
}
