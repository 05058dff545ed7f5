package ops_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// membersWorld: a provider (sp) with customers A and B, A with a sub-tenant
// A-EU. spAdmin is the provider's Admin, a member of A as Tenant
// Administrator; spUM a provider user managing A's users; aAdmin is A's own
// Admin; sam a provider person and lea an A-EU person; bob of B.
type membersWorld struct {
	st                    *store.Store
	ops                   *ops.Ops
	sp, a, b, eu          store.Tenant
	roles                 map[int64]map[string]int64
	spAdmin, spUM, aAdmin ops.Principal
	sam, lea, bob         store.Account
}

func newMembersWorld(t *testing.T) *membersWorld {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &membersWorld{st: st, ops: ops.New(st, nil, nil, nil), roles: map[int64]map[string]int64{}}
	mk := func(name, slug string, parent int64) store.Tenant {
		tn, err := st.CreateTenant(ctx, name, slug, parent, auth.BuiltinRoles())
		if err != nil {
			t.Fatal(err)
		}
		roles, _ := st.Roles(ctx, tn.ID)
		w.roles[tn.ID] = map[string]int64{}
		for _, r := range roles {
			w.roles[tn.ID][r.BuiltinKey] = r.ID
		}
		return tn
	}
	w.sp = mk("Provider", "sp", 0)
	w.a = mk("Customer A", "a", w.sp.ID)
	w.b = mk("Customer B", "b", w.sp.ID)
	w.eu = mk("A Europe", "a-eu", w.a.ID)
	person := func(tn store.Tenant, login, userType string, roles ...string) store.Account {
		var ids []int64
		for _, r := range roles {
			ids = append(ids, w.roles[tn.ID][r])
		}
		a, err := st.CreateAccount(ctx, store.Actor{TenantID: tn.ID}, store.NewAccount{
			Profile: store.Profile{FirstName: login, LastName: "Tester", Email: login + "@example.test", Language: "en",
				TimeZone: "UTC", Currency: "USD", UserType: userType},
			Login: login, Status: "active", AuthMethod: "sso", RoleIDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	admin := person(w.sp, "spadmin", "admin")
	um := person(w.sp, "spum", "standard", "user_manager")
	aAdmin := person(w.a, "aadmin", "admin")
	w.sam = person(w.sp, "sam", "standard", "auditor")
	w.lea = person(w.eu, "lea", "standard")
	w.bob = person(w.b, "bob", "standard")
	for _, x := range []struct {
		a    store.Account
		role string
	}{{admin, "tenant_admin"}, {um, "user_manager"}} {
		if _, err := st.SetMemberRoles(ctx, store.Actor{TenantID: w.a.ID}, x.a.ID, []int64{w.roles[w.a.ID][x.role]}); err != nil {
			t.Fatal(err)
		}
	}
	in := func(a store.Account) ops.Principal {
		return ops.Principal{TenantID: w.a.ID, HomeTenantID: a.TenantID, AccountID: a.ID, IP: "192.0.2.1"}
	}
	w.spAdmin, w.spUM, w.aAdmin = in(admin), in(um), in(aAdmin)
	return w
}

func (w *membersWorld) role(tn store.Tenant, key string) []int64 { return []int64{w.roles[tn.ID][key]} }

func wantKey(t *testing.T, err error, kind ops.Kind, key string) *ops.Error {
	t.Helper()
	e, ok := ops.As(err)
	if !ok || e.Kind != kind || e.Key != key {
		t.Fatalf("got %v, want %s (kind %d)", err, key, kind)
	}
	return e
}

func TestPushDownThenChangeRolesThenRemove(t *testing.T) {
	w := newMembersWorld(t)
	ctx := context.Background()
	added, err := w.ops.SetMemberRoles(ctx, w.spAdmin, w.sam.ID, w.role(w.a, "member"))
	if err != nil || !added {
		t.Fatalf("push down: %v %v", added, err)
	}
	added, err = w.ops.SetMemberRoles(ctx, w.spAdmin, w.sam.ID, w.role(w.a, "auditor"))
	if err != nil || added {
		t.Fatalf("already a member: roles changed, not added: %v %v", added, err)
	}
	held, _ := w.st.HeldRoles(ctx, w.a.ID, w.sam.ID)
	if len(held) != 1 || held[0].RoleID != w.roles[w.a.ID]["auditor"] {
		t.Fatalf("roles in A: %+v", held)
	}
	if err := w.ops.RemoveMember(ctx, w.spAdmin, w.sam.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.Person(ctx, w.a.ID, w.sam.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removed member still of A: %v", err)
	}
	if _, err := w.st.Account(ctx, w.sp.ID, w.sam.ID); err != nil {
		t.Fatalf("home account gone: %v", err)
	}
	if err := w.ops.RemoveMember(ctx, w.spAdmin, w.sam.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removing twice: %v", err)
	}
	wantKey(t, w.ops.RemoveMember(ctx, w.spAdmin, w.spAdmin.AccountID), ops.Conflict, "err_member_remove_self")
}

func TestPushUpAndSidewaysRefusedWithWhy(t *testing.T) {
	w := newMembersWorld(t)
	ctx := context.Background()
	// Up: A-EU's person into A.
	e := wantKey(t, func() error { _, err := w.ops.SetMemberRoles(ctx, w.spAdmin, w.lea.ID, nil); return err }(),
		ops.Conflict, "err_member_push_up")
	if e.Data["Name"] != "lea Tester" || e.Data["Tenant"] != "A Europe" {
		t.Errorf("push-up message data: %v", e.Data)
	}
	// Sideways: B's person into A, by a provider user who sees B.
	e = wantKey(t, func() error { _, err := w.ops.SetMemberRoles(ctx, w.spAdmin, w.bob.ID, nil); return err }(),
		ops.Conflict, "err_member_push_up")
	if e.Data["Tenant"] != "Customer B" {
		t.Errorf("sideways message data: %v", e.Data)
	}
	// A's own person: already home.
	wantKey(t, func() error { _, err := w.ops.SetMemberRoles(ctx, w.spAdmin, w.aAdmin.AccountID, nil); return err }(),
		ops.Conflict, "err_member_home")
	// A's Admin does not see B: no name of B's person, just not found.
	if _, err := w.ops.SetMemberRoles(ctx, w.aAdmin, w.bob.ID, nil); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a sibling's person seen from A's Admin: %v", err)
	}
	// Nothing was written.
	if _, err := w.st.Person(ctx, w.a.ID, w.bob.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatal("the refused push left a membership")
	}
	// Down from A into A-EU is fine for A's Admin acting there.
	aInEU := w.aAdmin
	aInEU.TenantID = w.eu.ID
	if _, err := w.st.SetMemberRoles(ctx, store.Actor{TenantID: w.eu.ID}, w.aAdmin.AccountID, w.role(w.eu, "tenant_admin")); err != nil {
		t.Fatal(err)
	}
	// A's Admin acting in A-EU finds the provider above their home.
	_, err := w.ops.SetMemberRoles(ctx, aInEU, w.sam.ID, w.role(w.eu, "member"))
	wantKey(t, err, ops.Forbidden, "err_member_above")
	ana, err := w.st.CreateAccount(ctx, store.Actor{TenantID: w.a.ID}, store.NewAccount{Profile: store.Profile{FirstName: "Ana",
		LastName: "A", Email: "ana@example.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "ana", Status: "active", AuthMethod: "sso"})
	if err != nil {
		t.Fatal(err)
	}
	if added, err := w.ops.SetMemberRoles(ctx, aInEU, ana.ID, w.role(w.eu, "member")); err != nil || !added {
		t.Fatalf("A's person down into A-EU by A's Admin: %v %v", added, err)
	}
}

// A customer's Admin never adds, changes or removes a provider person:
// they are managed from above.
func TestCustomerAdminCannotActForProviderPeople(t *testing.T) {
	w := newMembersWorld(t)
	ctx := context.Background()
	_, err := w.ops.SetMemberRoles(ctx, w.aAdmin, w.sam.ID, w.role(w.a, "member"))
	wantKey(t, err, ops.Forbidden, "err_member_above")
	if _, err := w.st.Person(ctx, w.a.ID, w.sam.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatal("refused push left a membership")
	}
	if _, err := w.ops.SetMemberRoles(ctx, w.spAdmin, w.sam.ID, w.role(w.a, "member")); err != nil {
		t.Fatal(err)
	}
	_, err = w.ops.SetMemberRoles(ctx, w.aAdmin, w.sam.ID, w.role(w.a, "auditor"))
	wantKey(t, err, ops.Forbidden, "err_member_above")
	wantKey(t, w.ops.RemoveMember(ctx, w.aAdmin, w.sam.ID), ops.Forbidden, "err_member_above")
	wantKey(t, w.ops.RemoveMember(ctx, w.aAdmin, w.spUM.AccountID), ops.Forbidden, "err_member_above")
}

// What a push gives must be the actor's to give; without users.manage
// nothing is pushed.
func TestPushDownJudgesGrants(t *testing.T) {
	w := newMembersWorld(t)
	ctx := context.Background()
	_, err := w.ops.SetMemberRoles(ctx, w.spUM, w.sam.ID, w.role(w.a, "tenant_admin"))
	wantKey(t, err, ops.Forbidden, "err_grant_beyond")
	_, err = w.ops.SetMemberRoles(ctx, w.spUM, w.sam.ID, w.role(w.a, "auditor")) // audit.view: not the User Manager's
	wantKey(t, err, ops.Forbidden, "err_grant_beyond")
	if _, err := w.st.Person(ctx, w.a.ID, w.sam.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatal("refused grant left a membership")
	}
	if added, err := w.ops.SetMemberRoles(ctx, w.spUM, w.sam.ID, w.role(w.a, "user_manager")); err != nil || !added {
		t.Fatalf("a role within the actor's access: %v %v", added, err)
	}
	_, err = w.ops.SetMemberRoles(ctx, w.spUM, w.sam.ID, []int64{w.roles[w.b.ID]["member"]})
	if err == nil {
		t.Fatal("another tenant's role accepted")
	}
	// Without users.manage in A: refused.
	if _, err := w.st.SetMemberRoles(ctx, store.Actor{TenantID: w.a.ID}, w.spUM.AccountID, w.role(w.a, "member")); err != nil {
		t.Fatal(err)
	}
	_, err = w.ops.SetMemberRoles(ctx, w.spUM, w.sam.ID, nil)
	wantKey(t, err, ops.Forbidden, "err_forbidden")
}
