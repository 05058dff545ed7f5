package ops_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// The races below run each check-then-write twice at once, from two stores
// on one database — two connection pools, as two console processes would
// have — many rounds over. Whatever the interleaving, no rule may be lost: on
// SQLite the single writer serialises them, on PostgreSQL the serializable
// transaction does (run with CONSOLE_TEST_DB to see it).

const raceRounds = 12

// twin is a second world on the first one's database.
func twin(t *testing.T) (*world, *world) {
	t.Helper()
	db := storetest.DB(t)
	var out [2]*world
	for i := range out {
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		o := ops.New(st, nil, nil, nil)
		if o.Sealer, err = auth.NewSealer(make([]byte, 32)); err != nil {
			t.Fatal(err)
		}
		out[i] = &world{t: t, ctx: context.Background(), st: st, ops: o}
	}
	return out[0], out[1]
}

// together runs a and b at the same moment and returns their errors.
func together(a, b func() error) (error, error) {
	var wg sync.WaitGroup
	var ea, eb error
	start := make(chan struct{})
	wg.Add(2)
	go func() { defer wg.Done(); <-start; ea = a() }()
	go func() { defer wg.Done(); <-start; eb = b() }()
	close(start)
	wg.Wait()
	return ea, eb
}

// Two Admins deactivating each other at once: one of them stays, and the
// other call is refused as the last manager.
func TestRaceLastManagerStatus(t *testing.T) {
	t.Parallel()
	one, two := twin(t)
	for round := range raceRounds {
		tn, _ := one.tenant(slugOf("status", round))
		a := one.account(tn.ID, "ann", "admin", "active")
		b := one.account(tn.ID, "bob", "admin", "active")
		ea, eb := together(
			func() error { _, err := one.ops.SetStatus(one.ctx, a, b.AccountID, "deactivated"); return err },
			func() error { _, err := two.ops.SetStatus(two.ctx, b, a.AccountID, "deactivated"); return err })
		if (ea == nil) == (eb == nil) {
			t.Fatalf("round %d: errors %v and %v, want exactly one refusal", round, ea, eb)
		}
		if n := activeManagers(t, one, tn.ID); n != 1 {
			t.Fatalf("round %d: %d active managers left, want 1", round, n)
		}
	}
}

// Two User Managers taking the role from each other at once: one keeps it.
func TestRaceLastManagerRoles(t *testing.T) {
	t.Parallel()
	one, two := twin(t)
	for round := range raceRounds {
		tn, roles := one.tenant(slugOf("roles", round))
		um := roles["user_manager"]
		a := one.account(tn.ID, "ann", "standard", "active", um)
		b := one.account(tn.ID, "bob", "standard", "active", um)
		ea, eb := together(
			func() error { return one.ops.SetRoles(one.ctx, a, b.AccountID, nil) },
			func() error { return two.ops.SetRoles(two.ctx, b, a.AccountID, nil) })
		if (ea == nil) == (eb == nil) {
			t.Fatalf("round %d: errors %v and %v, want exactly one refusal", round, ea, eb)
		}
		if n := activeManagers(t, one, tn.ID); n != 1 {
			t.Fatalf("round %d: %d managers left, want 1", round, n)
		}
	}
}

// One address created at once in a tenant and in its customer: an email is
// unique across the tenant tree, so one of the two is refused.
func TestRaceEmailAcrossTheTree(t *testing.T) {
	t.Parallel()
	one, two := twin(t)
	for round := range raceRounds {
		parent, _ := one.tenant(slugOf("tree", round))
		child, _ := one.child(slugOf("leaf", round), parent.ID)
		pa := one.account(parent.ID, "root-admin", "admin", "active")
		ca := one.account(child.ID, "leaf-admin", "admin", "active")
		user := func(login string) form.User {
			return form.User{FirstName: "Sam", LastName: "Same", Email: "same@example.test", Login: login,
				Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard", AuthMethod: "sso", Status: "active"}
		}
		ea, eb := together(
			func() error { _, err := one.ops.CreateUser(one.ctx, pa, user("sam-up")); return err },
			func() error { _, err := two.ops.CreateUser(two.ctx, ca, user("sam-down")); return err })
		if (ea == nil) == (eb == nil) {
			t.Fatalf("round %d: errors %v and %v, want exactly one refusal", round, ea, eb)
		}
	}
}

// One invitation link followed twice at once: it works once.
func TestRaceLinkUsedOnce(t *testing.T) {
	t.Parallel()
	one, two := twin(t)
	tn, _ := one.tenant("links")
	admin := one.account(tn.ID, "admin", "admin", "active")
	for round := range raceRounds {
		login := slugOf("new", round)
		p, err := one.st.CreateAccount(one.ctx, store.Actor{TenantID: tn.ID}, store.NewAccount{
			Profile: store.Profile{FirstName: login, LastName: "Invited", Email: login + "@example.test", Language: "en",
				TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: login, Status: "pending", AuthMethod: "password"})
		if err != nil {
			t.Fatal(err)
		}
		_, hash := auth.NewLinkToken()
		l := store.Link{Purpose: "invite", Hash: hash, CreatedBy: admin.AccountID, ExpiresAt: time.Now().Add(time.Hour),
			Mail: store.Mail{Kind: "invitation", To: "x@example.test", Subject: "s", Text: "t", HTML: "h"}}
		if err := one.st.SendLink(one.ctx, store.Actor{TenantID: tn.ID}, p.ID, l, store.ActionUserInvite); err != nil {
			t.Fatal(err)
		}
		pw := "hash of the chosen password"
		ea, eb := together(
			func() error { _, err := one.ops.AcceptInvitation(one.ctx, hash, pw, "192.0.2.1"); return err },
			func() error { _, err := two.ops.AcceptInvitation(two.ctx, hash, pw, "192.0.2.2"); return err })
		if (ea == nil) == (eb == nil) {
			t.Fatalf("round %d: errors %v and %v, want exactly one refusal", round, ea, eb)
		}
	}
}

func slugOf(prefix string, round int) string { return prefix + "-" + string(rune('a'+round)) }

// activeManagers counts the tenant's active people who may manage users.
func activeManagers(t *testing.T, w *world, tenantID int64) int {
	t.Helper()
	admins, err := w.st.RegistrationRecipients(w.ctx, tenantID, store.NotifyManagers)
	if err != nil {
		t.Fatal(err)
	}
	return len(admins)
}
