package ops_test

import (
	"context"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// dormWorld is the acme tenant with a clock the test moves, shared by the
// store (expiry, creation times) and the sweeper.
type dormWorld struct {
	*acme
	now  time.Time
	o    *ops.Ops
	boss store.Account // an Admin who sets the policy
}

func newDorm(t *testing.T) *dormWorld {
	w := &dormWorld{acme: newAcme(t), now: time.Now().UTC().Add(time.Hour).Truncate(time.Second)}
	clock := func() time.Time { return w.now }
	w.st.SetClock(clock)
	w.o = ops.New(w.st, auth.NewHasher(time.Minute), noLinks{}, clock)
	w.boss = w.person("boss", "admin")
	return w
}

func (w *dormWorld) days(n int) { w.now = w.now.Add(time.Duration(n) * 24 * time.Hour) }

func (w *dormWorld) policy(p store.Policy) {
	w.t.Helper()
	if err := w.o.SetPolicy(context.Background(), w.as(w.boss), p); err != nil {
		w.t.Fatal(err)
	}
}

func (w *dormWorld) sweep() ops.Swept {
	w.t.Helper()
	n, err := w.o.SweepPolicies(context.Background(), w.now)
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

// mails counts the outbox's mails of kind to each address.
func (w *dormWorld) mails(kind string) map[string]int {
	w.t.Helper()
	ms, err := w.st.Outbox(context.Background(), w.tenant.ID, 0, 10000)
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[string]int{}
	for _, m := range ms {
		if m.Kind == kind {
			out[m.To]++
		}
	}
	return out
}

func (w *dormWorld) status(a store.Account) string { return w.fresh(a).Status }

var policy30x60 = store.Policy{On: true, WarnDays: 30, DeactivateDays: 60, ExemptAdmins: true, ExemptServices: true, NoticeDays: 7}

func TestDormancyOffDoesNothing(t *testing.T) {
	w := newDorm(t)
	pat := w.person("pat", "standard", "member")
	w.days(400)
	if n := w.sweep(); n != (ops.Swept{}) {
		t.Fatalf("policy off swept %+v, want nothing", n)
	}
	if w.status(pat) != "active" || len(w.mails("dormancy")) != 0 {
		t.Fatalf("policy off: pat %s, mails %v", w.status(pat), w.mails("dormancy"))
	}
	// The preview says what the policy would do once on, and writes nothing.
	plan, err := w.o.PreviewDormancy(context.Background(), w.tenant.ID, w.now)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Warn) != 1 || plan.Warn[0].ID != pat.ID || len(plan.Deactivate) != 0 {
		t.Fatalf("preview %+v, want pat warned", plan)
	}
	if w.sweep() != (ops.Swept{}) || len(w.eventsOf(store.ActionDormancyWarn)) != 0 {
		t.Fatal("the preview or a sweep with the policy off changed something")
	}
}

func TestDormancyWarnsOnceThenDeactivates(t *testing.T) {
	w := newDorm(t)
	ctx := context.Background()
	w.policy(policy30x60)
	pat := w.person("pat", "standard", "member") // never signs in: counts from creation
	quinn := w.person("quinn", "standard", "member")
	w.days(29)
	w.sweep()
	if m := w.mails("dormancy"); len(m) != 0 {
		t.Fatalf("day 29: warned %v, want nobody", m)
	}
	w.days(1)
	w.sweep()
	w.sweep() // a second sweep the same day sends nothing more
	if m := w.mails("dormancy"); m["pat@acme.test"] != 1 || m["quinn@acme.test"] != 1 || len(m) != 2 {
		t.Fatalf("day 30, two sweeps: mails %v, want one each to pat and quinn", m)
	}
	if n := w.eventsOf(store.ActionDormancyWarn); n[pat.ID] != 1 {
		t.Fatalf("warning events %v", n)
	}
	w.days(10)
	if err := w.st.TouchActive(ctx, quinn.ID, w.now); err != nil { // quinn comes back on day 40
		t.Fatal(err)
	}
	w.days(19)
	w.sweep()
	if w.status(pat) != "active" {
		t.Fatal("day 59: pat deactivated a day early")
	}
	w.days(1)
	n := w.sweep()
	if w.status(pat) != "deactivated" || n.Deactivated != 1 {
		t.Fatalf("day 60: pat %s, swept %+v; want deactivated", w.status(pat), n)
	}
	if w.status(quinn) != "active" {
		t.Fatal("quinn was active on day 40, deactivated on day 60")
	}
	evs, err := w.st.AuditEvents(ctx, w.tenant.ID, store.AuditFilter{Action: string(store.ActionUserDeactivate), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].TargetID != pat.ID || evs[0].ActorID != 0 || evs[0].Details["policy"] != "dormancy" {
		t.Fatalf("deactivation events %+v, want one for pat marked as the policy's", evs)
	}
	if w.sweep().Deactivated != 0 {
		t.Fatal("a second sweep deactivated again")
	}
	// Activated again by an administrator: warned anew, deactivated only
	// after the notice, not at the next sweep.
	if _, err := w.o.SetStatus(ctx, w.as(w.boss), pat.ID, "active"); err != nil {
		t.Fatal(err)
	}
	if n := w.sweep(); n.Deactivated != 0 || n.Warned != 1 {
		t.Fatalf("after reactivation swept %+v, want a new warning and no deactivation", n)
	}
	w.days(10) // day 70: quinn inactive 30 days again, warned a second time
	w.sweep()
	if m := w.mails("dormancy"); m["quinn@acme.test"] != 2 || m["pat@acme.test"] != 2 {
		t.Fatalf("day 70: mails %v, want quinn warned again after their activity, pat once more after reactivation", m)
	}
}

func TestDormancyExemptions(t *testing.T) {
	w := newDorm(t)
	ctx := context.Background()
	w.policy(policy30x60)
	admin := w.person("ada", "admin")
	chosen := w.person("chosen", "standard", "member")
	svc, err := w.st.CreateAccount(ctx, store.Actor{TenantID: w.tenant.ID}, store.NewAccount{Kind: "service", Login: "robot",
		Profile: store.Profile{FirstName: "Robot", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Status:  "active", AuthMethod: "password"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.o.SetDormancyExempt(ctx, w.as(w.boss), "CHOSEN@acme.test", true); err != nil {
		t.Fatal(err)
	}
	if _, err := w.o.SetDormancyExempt(ctx, w.as(w.boss), "nobody@acme.test", true); err == nil {
		t.Fatal("exempting an unknown address succeeded")
	}
	w.days(100)
	for i := 0; i < 3; i++ { // warned, then deactivated D-W days later, whatever the start
		w.sweep()
		w.days(30)
	}
	for _, a := range []store.Account{admin, chosen, svc, w.boss} {
		if w.status(a) != "active" {
			t.Errorf("%s is exempt but %s", a.Login, w.status(a))
		}
	}
	if m := w.mails("dormancy"); len(m) != 0 {
		t.Errorf("exempt people warned: %v", m)
	}
	p := policy30x60
	p.ExemptAdmins, p.ExemptServices = false, false
	w.policy(p)
	plan, err := w.o.PlanDormancy(ctx, w.tenant.ID, w.now)
	if err != nil {
		t.Fatal(err)
	}
	warn := map[int64]bool{}
	for _, d := range plan.Warn {
		warn[d.ID] = true
	}
	if !warn[admin.ID] || !warn[svc.ID] || warn[chosen.ID] {
		t.Fatalf("without the defaults, warned %v: want the Admin and the service account, not the chosen person", warn)
	}
}

func TestDormancyManagedReportedNotDeactivated(t *testing.T) {
	w := newDorm(t)
	ctx := context.Background()
	admin := w.as(w.boss)
	if err := w.o.SetProvisioning(ctx, admin, store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	_, tok, err := w.o.CreateSCIMToken(ctx, admin, "Entra ID")
	if err != nil {
		t.Fatal(err)
	}
	zoe, err := w.o.SCIMCreateUser(ctx, ops.Provider(w.tenant.ID, tok.ID, "203.0.113.9"), store.SCIMUser{Login: "zoe",
		FirstName: "Zoë", LastName: "Smith", Email: "zoe@acme.test", ExternalID: "ext-zoe", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	w.policy(policy30x60)
	w.days(30)
	w.sweep()
	w.days(30)
	w.sweep()
	w.sweep()
	if w.status(zoe) != "active" {
		t.Fatal("a person the provider manages was deactivated")
	}
	if n := w.eventsOf(store.ActionDormancyReport); n[zoe.ID] != 1 {
		t.Fatalf("reports %v, want one for zoe", n)
	}
	p := policy30x60
	p.ManagedDeactivate = true
	w.policy(p)
	w.sweep()
	if w.status(zoe) != "deactivated" {
		t.Fatal("the tenant chose to deactivate managed people; zoe stays active")
	}
}

func TestDormancyKeepsTheLastManager(t *testing.T) {
	w := newDorm(t)
	p := policy30x60
	p.ExemptAdmins = false
	w.policy(p)
	w.days(30)
	w.sweep()
	w.days(30)
	n := w.sweep() // admin and boss are both dormant Admins: one must stay
	w.sweep()
	if n.Deactivated != 1 || n.Reported != 1 {
		t.Fatalf("swept %+v, want one deactivated and the last manager reported", n)
	}
	evs, err := w.st.AuditEvents(context.Background(), w.tenant.ID, store.AuditFilter{Action: string(store.ActionDormancyReport), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Details["reason"] != "last_manager" {
		t.Fatalf("reports %+v, want one, reason last_manager", evs)
	}
}

func TestExpiryRecordedOnceAndRemindedOnce(t *testing.T) {
	w := newDorm(t)
	ctx := context.Background()
	sys := store.Actor{TenantID: w.tenant.ID}
	pat := w.person("pat", "standard", "member")
	g, err := w.st.CreateGroup(ctx, sys, "Night shift", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.AddMembers(ctx, sys, g.ID, []int64{pat.ID}); err != nil {
		t.Fatal(err)
	}
	k, err := w.st.CreateAPIKey(ctx, sys, store.NewAPIKey{AccountID: pat.ID, PublicID: "dorm1", SecretHash: "h", Name: "ci",
		ExpiresAt: w.now.Add(10 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	end := w.now.Add(10 * 24 * time.Hour)
	for _, err := range []error{w.st.SetAccountExpiry(ctx, sys, pat.ID, end), w.st.SetRoleExpiry(ctx, sys, pat.ID, w.roles["member"], end),
		w.st.SetMembershipExpiry(ctx, sys, g.ID, pat.ID, end)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	w.days(2) // 8 days left: no reminder yet
	if n := w.sweep(); n.Reminded != 0 || n.Expired != 0 {
		t.Fatalf("8 days before: swept %+v", n)
	}
	w.days(1) // 7 days left: one reminder per expiry, to pat and the tenant's two Admins
	if n := w.sweep(); n.Reminded != 4 {
		t.Fatalf("7 days before: reminded %d, want 4", n.Reminded)
	}
	w.sweep()
	if m := w.mails("expiry"); m["pat@acme.test"] != 4 || m["boss@acme.test"] != 4 || m["admin@acme.test"] != 4 || len(m) != 3 {
		t.Fatalf("reminder mails %v, want 4 each to pat, boss and admin", m)
	}
	w.days(8)
	if n := w.sweep(); n.Expired != 4 {
		t.Fatalf("after the end: recorded %d expiries, want 4", n.Expired)
	}
	if n := w.sweep(); n.Expired != 0 {
		t.Fatalf("second sweep recorded %d more", n.Expired)
	}
	for _, a := range []store.Action{store.ActionUserExpired, store.ActionUserRoleExpired, store.ActionGroupMemberExpired, store.ActionAPIKeyExpired} {
		n := w.eventsOf(a)
		want := map[store.Action]int64{store.ActionUserExpired: pat.ID, store.ActionUserRoleExpired: pat.ID,
			store.ActionGroupMemberExpired: g.ID, store.ActionAPIKeyExpired: k.ID}[a]
		if len(n) != 1 || n[want] != 1 {
			t.Errorf("%s events %v, want one about %d", a, n, want)
		}
	}
	// The role is gone, so pat holds none: the "no role" filter finds them,
	// on the search rows (a query) as without.
	for _, q := range []string{"", "pat"} {
		page, err := w.st.ListUsers(ctx, w.tenant.ID, store.UserFilter{Query: q, PendingAccess: true, ShowDeactivated: true, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range page.Accounts {
			found = found || a.ID == pat.ID
		}
		if !found {
			t.Errorf("query %q: pat, whose only role expired, is not among those without a role", q)
		}
	}
}

// TestDormancyKeyUseIsActivity: calling with an API key keeps its account
// from counting as dormant.
func TestDormancyKeyUseIsActivity(t *testing.T) {
	w := newDorm(t)
	ctx := context.Background()
	w.policy(policy30x60)
	pat := w.person("pat", "standard", "member")
	k, err := w.st.CreateAPIKey(ctx, store.Actor{TenantID: w.tenant.ID}, store.NewAPIKey{AccountID: pat.ID, PublicID: "dorm2", SecretHash: "h", Name: "ci"})
	if err != nil {
		t.Fatal(err)
	}
	w.days(29)
	if err := w.o.KeyUsed(ctx, k.ID, w.now); err != nil {
		t.Fatal(err)
	}
	if got := w.fresh(pat).LastActiveAt; !got.Equal(w.now) {
		t.Fatalf("last active %v after the key's use at %v", got, w.now)
	}
	w.days(2)
	if w.sweep().Warned != 0 {
		t.Fatal("warned 2 days after the key was used")
	}
}
