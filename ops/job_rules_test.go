package ops_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// What a bulk action does to each person: the rules of the operation, and
// the input it refuses. job_test.go has the runner itself.

// The accounts are frozen when the job is made: one who matches the filter
// afterwards is not touched.
func TestJobListIsFrozen(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "member")
	w.people("p", 5)
	j, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "deactivate",
		Filter: &store.UserFilter{Query: "p00", Kind: "user"}})
	if err != nil {
		t.Fatal(err)
	}
	late := w.person("p009", "standard", "member")
	drain(t, w.ops, 50)
	if j.Total != 5 {
		t.Fatalf("job froze %d accounts, want the 5 matching", j.Total)
	}
	if got := w.fresh(late).Status; got != "active" {
		t.Fatalf("a person created after the job was frozen is %s", got)
	}
}

// Every rule of the operation holds for each item, and is said as the reason.
func TestJobSkipsSayWhy(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("zed", "standard", "user_manager", "member")
	admin := w.person("root", "admin")
	off := w.person("off2", "standard", "member")
	if _, err := w.ops.SetStatus(ctx, w.as(boss), off.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	j, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "deactivate", IDs: []int64{boss.ID, admin.ID, off.ID}})
	if err != nil {
		t.Fatal(err)
	}
	drain(t, w.ops, 50)
	got := w.outcomes(j.ID)
	for id, want := range map[int64]string{boss.ID: "err_self_status", admin.ID: "err_admin_only", off.ID: "job_reason_unchanged"} {
		if got[id].Outcome != "skipped" || got[id].Reason != want {
			t.Errorf("account %d: %s %s, want skipped %s", id, got[id].Outcome, got[id].Reason, want)
		}
	}
}

// The last user manager: in a tenant without an Admin, removing User
// Manager from both who hold it leaves it with the second.
func TestJobKeepsTheLastManager(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	solo, err := w.st.CreateTenant(ctx, "Solo", "solo", 0, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	roles, _ := w.st.Roles(ctx, solo.ID)
	var manager, member int64
	for _, r := range roles {
		switch r.BuiltinKey {
		case "user_manager":
			manager = r.ID
		case "member":
			member = r.ID
		}
	}
	mk := func(login string) store.Account {
		a, err := w.st.CreateAccount(ctx, store.Actor{TenantID: solo.ID}, store.NewAccount{Profile: store.Profile{FirstName: login,
			LastName: "Solo", Email: login + "@solo.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: login, Status: "active", AuthMethod: "password", PasswordHash: "x", RoleIDs: []int64{manager, member}})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	zed, abe := mk("zed"), mk("abe")
	j, err := w.ops.StartJob(ctx, w.as(zed), ops.JobSpec{Action: "remove_role", Params: ops.JobParams{RoleID: manager},
		Filter: &store.UserFilter{RoleID: manager, Kind: "user", Sort: "name"}})
	if err != nil {
		t.Fatal(err)
	}
	drain(t, w.ops, 50)
	got := w.outcomes(j.ID)
	if got[abe.ID].Outcome != "done" || got[zed.ID].Outcome != "skipped" || got[zed.ID].Reason != "job_reason_last_manager" {
		t.Errorf("removing User Manager from both: %+v, want abe done and zed kept as the last manager", got)
	}
}

func TestJobInputRefused(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "member")
	member := w.person("member", "standard", "member")
	ids := w.people("p", 2)
	foreign := newAcme(t)
	stranger := foreign.person("stranger", "standard", "member")
	for name, spec := range map[string]ops.JobSpec{
		"unknown action":         {Action: "explode", IDs: ids},
		"nobody":                 {Action: "deactivate"},
		"both ids and filter":    {Action: "deactivate", IDs: ids, Filter: &store.UserFilter{}},
		"unknown role":           {Action: "add_role", IDs: ids, Params: ops.JobParams{RoleID: 999999}},
		"bad type":               {Action: "set_user_type", IDs: ids, Params: ops.JobParams{UserType: "god"}},
		"another tenant's id":    {Action: "deactivate", IDs: append(ids, stranger.ID+1000)},
		"too many ids":           {Action: "deactivate", IDs: make([]int64, ops.MaxJobIDs+1)},
		"filter matching nobody": {Action: "deactivate", Filter: &store.UserFilter{Query: "nobody-like-this"}},
	} {
		if _, err := w.ops.StartJob(ctx, w.as(boss), spec); err == nil {
			t.Errorf("%s: job started", name)
		} else {
			wantRefused(t, err, ops.Invalid)
		}
	}
	if _, err := w.ops.StartJob(ctx, w.as(member), ops.JobSpec{Action: "deactivate", IDs: ids}); err == nil {
		t.Error("a Member started a bulk deactivation")
	}
	jobs, _ := w.st.Jobs(ctx, w.tenant.ID, 10)
	if len(jobs) != 0 {
		t.Errorf("refused requests left %d jobs", len(jobs))
	}
}
