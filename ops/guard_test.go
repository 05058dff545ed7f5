package ops_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// acme is a tenant on a fresh SQLite file with the built-in roles and a
// custom groups.manage-only role, and the operations over it.
type acme struct {
	t      *testing.T
	st     *store.Store
	ops    *ops.Ops
	tenant store.Tenant
	roles  map[string]int64
	dsn    string // the database, for a second process's store
}

type noLinks struct{}

func (noLinks) Link(context.Context, ops.Principal, store.Account, string) (store.Link, error) {
	return store.Link{Purpose: "invite", Hash: strings.Repeat("a", 64)}, nil
}
func (noLinks) Queued() {}

func newAcme(t *testing.T) *acme {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DB(t)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tn, err := st.CreateTenant(ctx, "Acme", "acme", 0, append(auth.BuiltinRoles(),
		store.RoleSpec{Key: "groups_only", Name: "Groups only", Permissions: []string{"users.view", "groups.manage"}},
		store.RoleSpec{Key: "keys_only", Name: "Keys only", Permissions: []string{"users.view", "apikeys.manage"}}))
	if err != nil {
		t.Fatal(err)
	}
	roles, err := st.Roles(ctx, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	w := &acme{t: t, st: st, ops: ops.New(st, auth.NewHasher(time.Minute), noLinks{}, nil), tenant: tn, roles: map[string]int64{}, dsn: dsn}
	for _, r := range roles {
		w.roles[r.BuiltinKey] = r.ID
	}
	w.person("admin", "admin") // so the tenant has a manager from the start
	return w
}

// account creates an active person of userType holding the named roles.
func (w *acme) person(login, userType string, roles ...string) store.Account {
	w.t.Helper()
	n := store.NewAccount{Profile: store.Profile{FirstName: login, LastName: "Test", Email: login + "@acme.test",
		Language: "en", TimeZone: "UTC", Currency: "USD", UserType: userType},
		Login: login, Status: "active", AuthMethod: "password", PasswordHash: "x"}
	for _, r := range roles {
		n.RoleIDs = append(n.RoleIDs, w.roles[r])
	}
	a, err := w.st.CreateAccount(context.Background(), store.Actor{TenantID: w.tenant.ID}, n)
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

func (w *acme) as(a store.Account) ops.Principal {
	return ops.Principal{TenantID: a.TenantID, AccountID: a.ID, IP: "192.0.2.1"}
}

func (w *acme) fresh(a store.Account) store.Account {
	w.t.Helper()
	got, err := w.st.Account(context.Background(), a.TenantID, a.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return got
}

// wantRefused fails unless err is an operation's refusal of kind.
func wantRefused(t *testing.T, err error, kind ops.Kind) {
	t.Helper()
	e, ok := ops.As(err)
	if !ok || e.Kind != kind {
		t.Fatalf("got %v, want a refusal of kind %d", err, kind)
	}
}

func profile(a store.Account, userType string) form.User {
	return form.User{FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, Language: a.Language,
		TimeZone: a.TimeZone, Currency: a.Currency, UserType: userType}
}

// A read-only account keeps its roles dormant; switching it to standard
// wakes them: the actor must hold what it will hold after the change.
func TestReadOnlyWakeUpNeedsTheAccessItWakes(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	um := w.person("um", "standard", "user_manager")
	dormant := w.person("dormant", "read_only", "tenant_admin")
	ctx := context.Background()
	_, err := w.ops.UpdateUser(ctx, w.as(um), dormant.ID, profile(dormant, "standard"))
	wantRefused(t, err, ops.Forbidden)
	if got := w.fresh(dormant); got.UserType != "read_only" {
		t.Fatalf("the type changed to %s although refused", got.UserType)
	}
	// Nor through a temporary password first (the account's access, read
	// only, is within reach; its email is not the way in either).
	plain := w.person("plain", "read_only")
	if _, err := w.ops.UpdateUser(ctx, w.as(um), plain.ID, profile(plain, "standard")); err != nil {
		t.Fatalf("a read-only account with no role is the User Manager's to change: %v", err)
	}
}

func TestStatusAndRolesFollowActFor(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	um := w.person("um", "standard", "user_manager")
	ta := w.person("ta", "standard", "tenant_admin")
	admin := w.person("boss", "admin")
	nobody := w.person("nobody", "standard")

	_, err := w.ops.SetStatus(ctx, w.as(um), ta.ID, "deactivated")
	wantRefused(t, err, ops.Forbidden)
	wantRefused(t, w.ops.SetRoles(ctx, w.as(um), ta.ID, nil), ops.Forbidden)
	if w.fresh(ta).Status != "active" {
		t.Fatal("deactivated although refused")
	}
	_, err = w.ops.SetStatus(ctx, w.as(w.fresh(ta)), admin.ID, "deactivated")
	wantRefused(t, err, ops.Forbidden) // only an Admin acts for an Admin
	// Giving a role beyond one's own access is refused too.
	wantRefused(t, w.ops.SetRoles(ctx, w.as(um), nobody.ID, []int64{w.roles["tenant_admin"]}), ops.Forbidden)
	if err := w.ops.SetRoles(ctx, w.as(um), nobody.ID, []int64{w.roles["user_manager"]}); err != nil {
		t.Fatalf("a User Manager gives User Manager: %v", err)
	}
	if _, err := w.ops.SetStatus(ctx, w.as(um), nobody.ID, "deactivated"); err != nil {
		t.Fatalf("a User Manager deactivates someone within reach: %v", err)
	}
}

func TestGroupChangesJudgeEveryoneWhoLosesAccess(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	gm := w.person("gm", "standard", "groups_only")
	ta := w.person("ta", "standard")
	admin := w.person("boss", "admin")
	g, err := w.ops.CreateGroup(ctx, w.as(admin), "Admins", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ops.SetGroupRoles(ctx, w.as(admin), g.ID, []int64{w.roles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ops.AddMembers(ctx, w.as(admin), g.ID, []int64{ta.ID}); err != nil {
		t.Fatal(err)
	}
	_, err = w.ops.RemoveMembers(ctx, w.as(gm), g.ID, []int64{ta.ID})
	wantRefused(t, err, ops.Forbidden)
	wantRefused(t, w.ops.SetGroupRoles(ctx, w.as(gm), g.ID, nil), ops.Forbidden)
	if got, _ := w.st.Group(ctx, w.tenant.ID, g.ID); got.Members != 1 {
		t.Fatalf("members %d after refusals, want 1", got.Members)
	}
	// A group with no roles is the groups manager's to fill and empty.
	free, _ := w.ops.CreateGroup(ctx, w.as(gm), "Free", "")
	nobody := w.person("nobody", "standard")
	if _, err := w.ops.AddMembers(ctx, w.as(gm), free.ID, []int64{nobody.ID}); err != nil {
		t.Fatalf("add to a role-less group: %v", err)
	}
	// Joining the Admins group would give Tenant Administrator.
	_, err = w.ops.AddMembers(ctx, w.as(gm), g.ID, []int64{nobody.ID})
	wantRefused(t, err, ops.Forbidden)
}

// The rule is read inside the transaction: an actor deactivated, or whose
// role was taken, a moment ago is refused with what it holds now.
func TestActorReadInTheTransaction(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	um := w.person("um", "standard", "user_manager")
	nobody := w.person("nobody", "standard")
	p := w.as(um)
	if err := w.st.SetRoles(ctx, store.Actor{TenantID: w.tenant.ID}, um.ID, nil); err != nil {
		t.Fatal(err)
	}
	_, err := w.ops.SetStatus(ctx, p, nobody.ID, "deactivated")
	wantRefused(t, err, ops.Forbidden)
	if _, err := w.st.SetStatus(ctx, store.Actor{TenantID: w.tenant.ID}, um.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	_, err = w.ops.SetStatus(ctx, p, nobody.ID, "deactivated")
	wantRefused(t, err, ops.Forbidden)
}

// A key made by someone else carries a ceiling: whatever its account holds
// now, the key acts within what its creator held.
func TestCeilingLimitsEvenAnAdmin(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	admin := w.person("boss", "admin")
	nobody := w.person("nobody", "standard")
	p := w.as(admin)
	p.Ceiling = []string{"users.view", "users.manage"}
	wantRefused(t, w.ops.SetRoles(ctx, p, nobody.ID, []int64{w.roles["user_manager"]}), ops.Forbidden)
	if err := w.ops.SetRoles(ctx, p, nobody.ID, nil); err != nil {
		t.Fatalf("within the ceiling: %v", err)
	}
}

func TestAnotherTenantsAccountIsNotFound(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	other, err := w.st.CreateTenant(ctx, "Other", "other", 0, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	admin := w.person("boss", "admin")
	p := w.as(admin)
	p.TenantID = other.ID // a principal never names another tenant than its own; the store holds the line anyway
	_, err = w.ops.SetStatus(ctx, p, admin.ID, "deactivated")
	if err == nil {
		t.Fatal("acted in another tenant")
	}
	_, err = w.ops.SetStatus(ctx, w.as(admin), 999999, "deactivated")
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown id: %v, want not found", err)
	}
}

func TestIDListsAreBounded(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	admin := w.person("boss", "admin")
	nobody := w.person("nobody", "standard")
	many := make([]int64, 100_000)
	for i := range many {
		many[i] = int64(i + 1)
	}
	before := w.st.Statements()
	err := w.ops.SetRoles(ctx, w.as(admin), nobody.ID, many)
	wantRefused(t, err, ops.Invalid)
	if e, _ := ops.As(err); e.Fields["role_ids"] == "" {
		t.Fatalf("the refusal names no field: %+v", e)
	}
	if n := w.st.Statements() - before; n != 0 {
		t.Fatalf("%d statements ran before refusing 100,000 ids", n)
	}
	// Repeats are folded: 1,000 copies of one role are one role.
	same := make([]int64, 1000)
	for i := range same {
		same[i] = w.roles["member"]
	}
	if err := w.ops.SetRoles(ctx, w.as(admin), nobody.ID, same); err != nil {
		t.Fatalf("repeated ids: %v", err)
	}
}
