package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

// spec is an account of a last-manager scenario.
type spec struct {
	login, userType, status string
	roles                   []string
	kind                    string // "" is user
	otherTenant             bool
}

func profileOf(a store.Account) store.Profile {
	return store.Profile{FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, Language: a.Language,
		TimeZone: a.TimeZone, Currency: a.Currency, UserType: a.UserType}
}

func setRoles(keys ...string) func(context.Context, *store.Store, store.Actor, store.Account, map[string]int64) error {
	return func(ctx context.Context, st *store.Store, by store.Actor, a store.Account, roles map[string]int64) error {
		var ids []int64
		for _, k := range keys {
			ids = append(ids, roles[k])
		}
		return st.SetRoles(ctx, by, a.ID, ids)
	}
}

func setType(userType string) func(context.Context, *store.Store, store.Actor, store.Account, map[string]int64) error {
	return func(ctx context.Context, st *store.Store, by store.Actor, a store.Account, _ map[string]int64) error {
		p := profileOf(a)
		p.UserType = userType
		_, err := st.UpdateProfile(ctx, by, a.ID, p)
		return err
	}
}

func setStatus(status string) func(context.Context, *store.Store, store.Actor, store.Account, map[string]int64) error {
	return func(ctx context.Context, st *store.Store, by store.Actor, a store.Account, _ map[string]int64) error {
		_, err := st.SetStatus(ctx, by, a.ID, status)
		return err
	}
}

// TestLastManager checks that no change leaves a tenant without an active
// admin, or an active standard user holding users.manage, and that a refused
// change leaves the account, its roles, its sessions and the audit trail as they were.
func TestLastManager(t *testing.T) {
	t.Parallel()
	boss := spec{login: "boss", userType: "standard", status: "active", roles: []string{"user_manager"}}
	adm := spec{login: "adm", userType: "admin", status: "active"}
	tests := []struct {
		name     string
		accounts []spec // the first is the one changed
		change   func(context.Context, *store.Store, store.Actor, store.Account, map[string]int64) error
		wantErr  error
	}{
		// SetRoles
		{"roles: take users.manage from the only manager",
			[]spec{boss, {login: "ann", userType: "standard", status: "active", roles: []string{"member"}}},
			setRoles("member"), store.ErrLastManager},
		{"roles: swap for a role without users.manage",
			[]spec{boss}, setRoles("auditor", "member"), store.ErrLastManager},
		{"roles: read-only holder of an admin role does not count",
			[]spec{boss, {login: "ro", userType: "read_only", status: "active", roles: []string{"tenant_admin"}}},
			setRoles(), store.ErrLastManager},
		{"roles: pending admin does not count",
			[]spec{boss, {login: "new", userType: "admin", status: "pending"}}, setRoles(), store.ErrLastManager},
		{"roles: another standard manager remains",
			[]spec{boss, {login: "ann", userType: "standard", status: "active", roles: []string{"tenant_admin"}}},
			setRoles("member"), nil},
		{"roles: an active admin remains", []spec{boss, adm}, setRoles(), nil},
		{"roles: keep users.manage through another role", []spec{boss}, setRoles("tenant_admin"), nil},

		// UpdateProfile (user type)
		{"type: only admin becomes read-only", []spec{adm}, setType("read_only"), store.ErrLastManager},
		{"type: only admin becomes standard without roles", []spec{adm}, setType("standard"), store.ErrLastManager},
		{"type: only standard manager becomes read-only", []spec{boss}, setType("read_only"), store.ErrLastManager},
		{"type: admin becomes standard keeping a manager role",
			[]spec{{login: "adm", userType: "admin", status: "active", roles: []string{"user_manager"}}}, setType("standard"), nil},
		{"type: another admin remains", []spec{adm, {login: "adm2", userType: "admin", status: "active"}}, setType("read_only"), nil},

		// SetStatus
		{"status: deactivate the only admin", []spec{adm}, setStatus("deactivated"), store.ErrLastManager},
		{"status: deactivate the only standard manager",
			[]spec{boss, {login: "ro", userType: "read_only", status: "active", roles: []string{"tenant_admin"}}},
			setStatus("deactivated"), store.ErrLastManager},
		{"status: the other admin is deactivated",
			[]spec{adm, {login: "old", userType: "admin", status: "deactivated"}}, setStatus("deactivated"), store.ErrLastManager},
		{"status: an admin of another tenant does not count",
			[]spec{adm, {login: "adm", userType: "admin", status: "active", otherTenant: true}}, setStatus("deactivated"), store.ErrLastManager},
		{"status: a service account does not count",
			[]spec{adm, {login: "bot", userType: "admin", status: "active", roles: []string{"tenant_admin"}, kind: "service"}},
			setStatus("deactivated"), store.ErrLastManager},
		{"status: another admin remains", []spec{adm, {login: "adm2", userType: "admin", status: "active"}}, setStatus("deactivated"), nil},
		{"status: the only manager set back to pending", []spec{adm}, setStatus("pending"), store.ErrLastManager},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := newStore(t)
			tn, roles := newTenant(t, st, "acme", 0)
			other, otherRoles := newTenant(t, st, "other", 0)
			var target store.Account
			for i, s := range tt.accounts {
				tenantID, ids := tn.ID, roles
				if s.otherTenant {
					tenantID, ids = other.ID, otherRoles
				}
				n := person(s.login, s.userType, s.status)
				if s.kind != "" {
					n.Kind, n.Email = s.kind, ""
				}
				for _, r := range s.roles {
					n.RoleIDs = append(n.RoleIDs, ids[r])
				}
				a := mustCreate(t, st, tenantID, n)
				if i == 0 {
					target = a
				}
			}
			if err := st.CreateSession(ctx, fmt.Sprintf("%064x", target.ID), target.ID, "{}"); err != nil {
				t.Fatal(err)
			}
			beforeRoles := roleIDsOf(t, st, tn.ID, target.ID)
			beforeEvents, _ := st.AuditEvents(ctx, tn.ID, store.AuditFilter{TargetType: "account", TargetID: target.ID})

			err := tt.change(ctx, st, actor(tn.ID), target, roles)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("change: error = %v, want %v", err, tt.wantErr)
			}
			events, _ := st.AuditEvents(ctx, tn.ID, store.AuditFilter{TargetType: "account", TargetID: target.ID})
			if err == nil {
				if len(events) != len(beforeEvents)+1 {
					t.Errorf("accepted change wrote %d audit events, want 1", len(events)-len(beforeEvents))
				}
				return
			}
			got, err := st.Account(ctx, tn.ID, target.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != target.Status || got.UserType != target.UserType || !got.UpdatedAt.Equal(target.UpdatedAt) {
				t.Errorf("refused change altered the account: %+v", got)
			}
			if r := roleIDsOf(t, st, tn.ID, target.ID); !slices.Equal(r, beforeRoles) {
				t.Errorf("refused change altered roles: %v → %v", beforeRoles, r)
			}
			if n, _ := st.SessionCount(ctx, target.ID); n != 1 {
				t.Errorf("refused change left %d sessions, want the 1 it had", n)
			}
			if len(events) != len(beforeEvents) {
				t.Errorf("refused change wrote %d audit events", len(events)-len(beforeEvents))
			}
		})
	}
}

func TestDeactivationEndsSessions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	adm := mustCreate(t, st, tn.ID, person("adm", "admin", "active"))
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active", roles["member"]))
	for i, id := range []int64{ann.ID, ann.ID, adm.ID} {
		if err := st.CreateSession(ctx, fmt.Sprintf("session-%d", i), id, "{}"); err != nil {
			t.Fatal(err)
		}
	}

	got, err := st.SetStatus(ctx, store.Actor{TenantID: tn.ID, AccountID: adm.ID}, ann.ID, "deactivated")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "deactivated" {
		t.Errorf("status = %q", got.Status)
	}
	if n, _ := st.SessionCount(ctx, ann.ID); n != 0 {
		t.Errorf("deactivated account still has %d sessions", n)
	}
	if _, err := st.SignedInAs(ctx, "session-0", ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("session of a deactivated account still loads: %v", err)
	}
	if n, _ := st.SessionCount(ctx, adm.ID); n != 1 {
		t.Errorf("the administrator's own session count = %d, want 1", n)
	}
}

func TestChangesAreAudited(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	other, _ := newTenant(t, st, "other", 0)
	adm := mustCreate(t, st, tn.ID, person("adm", "admin", "active"))
	mustCreate(t, st, other.ID, person("zed", "admin", "active"))
	by := store.Actor{TenantID: tn.ID, AccountID: adm.ID, IP: "198.51.100.7"}

	ann, err := st.CreateAccount(ctx, by, person("ann", "standard", "active", roles["member"]))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetRoles(ctx, by, ann.ID, []int64{roles["auditor"], roles["member"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetStatus(ctx, by, ann.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetStatus(ctx, by, ann.ID, "active"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetStatus(ctx, by, ann.ID, "active"); err != nil { // no change: no event
		t.Fatal(err)
	}
	if err := st.SetRoles(ctx, by, ann.ID, []int64{roles["member"], roles["auditor"], roles["member"]}); err != nil {
		t.Fatal(err) // same set in another order: no event
	}

	events, err := st.AuditEvents(ctx, tn.ID, store.AuditFilter{TargetType: "account", TargetID: ann.ID})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, string(e.Action))
		if e.ActorID != adm.ID || e.IP != "198.51.100.7" || e.TenantID != tn.ID || e.TargetType != "account" || e.At.IsZero() {
			t.Errorf("event %s = %+v", e.Action, e)
		}
	}
	wantActions := []string{"user.activate", "user.deactivate", "user.roles", "user.create"} // newest first
	if !slices.Equal(actions, wantActions) {
		t.Fatalf("actions = %v, want %v", actions, wantActions)
	}

	details := func(action string) (before, after map[string]any) {
		evs, err := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: action, TargetType: "account", TargetID: ann.ID})
		if err != nil || len(evs) != 1 {
			t.Fatalf("AuditEvents(action %s) = %d events, %v; want 1", action, len(evs), err)
		}
		before, _ = evs[0].Details["before"].(map[string]any)
		after, _ = evs[0].Details["after"].(map[string]any)
		return before, after
	}
	_, after := details("user.create")
	if after["login"] != "ann" || after["email"] != "ann@example.test" || fmt.Sprint(after["role_ids"]) != fmt.Sprint([]int64{roles["member"]}) {
		t.Errorf("user.create after = %v", after)
	}
	before, after := details("user.roles")
	if fmt.Sprint(before["role_ids"]) != fmt.Sprint([]int64{roles["member"]}) {
		t.Errorf("user.roles before = %v, want [member]", before)
	}
	wantAfter := []int64{roles["auditor"], roles["member"]}
	slices.Sort(wantAfter)
	if fmt.Sprint(after["role_ids"]) != fmt.Sprint(wantAfter) {
		t.Errorf("user.roles after = %v, want %v", after, wantAfter)
	}
	before, after = details("user.deactivate")
	if before["status"] != "active" || after["status"] != "deactivated" {
		t.Errorf("user.deactivate before/after = %v / %v", before, after)
	}
	before, after = details("user.activate")
	if before["status"] != "deactivated" || after["status"] != "active" {
		t.Errorf("user.activate before/after = %v / %v", before, after)
	}

	if evs, _ := st.AuditEvents(ctx, other.ID, store.AuditFilter{}); len(evs) != 1 || evs[0].Action != "user.create" {
		t.Errorf("the other tenant's trail = %+v, want only its own user.create", evs)
	}
}
