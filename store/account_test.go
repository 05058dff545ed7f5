package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func TestCreateAccountStoresEmailLowerCase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)

	n := person("elodie", "standard", "active", roles["member"])
	n.Email = "Elodie.Dupont@Example.COM"
	a := mustCreate(t, st, tn.ID, n)
	if a.Email != "elodie.dupont@example.com" {
		t.Errorf("created email = %q, want it lower-case", a.Email)
	}
	got, err := st.AccountByEmail(ctx, tn.ID, "elodie.dupont@example.com")
	if err != nil || got.ID != a.ID {
		t.Fatalf("AccountByEmail = %+v, %v; want account %d", got, err, a.ID)
	}
	if got.Currency != "USD" || got.UserType != "standard" || got.Kind != "user" || got.Status != "active" {
		t.Errorf("stored account = %+v", got)
	}
	if ids := roleIDsOf(t, st, tn.ID, a.ID); !slices.Equal(ids, []int64{roles["member"]}) {
		t.Errorf("roles = %v, want [member]", ids)
	}
	cands, err := st.SignInCandidates(ctx, "ELODIE.dupont@example.com")
	if err != nil || len(cands) != 1 || cands[0].ID != a.ID {
		t.Errorf("SignInCandidates = %v, %v; want the account whatever the case typed", cands, err)
	}
}

func TestCreateAccountUniqueness(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	root, _ := newTenant(t, st, "provider", 0)
	child, _ := newTenant(t, st, "customer", root.ID)
	sibling, _ := newTenant(t, st, "sibling", root.ID)
	other, _ := newTenant(t, st, "other", 0)

	existing := person("ann", "standard", "active")
	existing.Email = "ann@example.test"
	mustCreate(t, st, child.ID, existing)

	tests := []struct {
		name      string
		tenantID  int64
		login     string
		email     string
		wantField string // "": allowed
	}{
		{"same email other case, same tenant", child.ID, "ann2", "ANN@Example.Test", "email"},
		{"same login, same tenant", child.ID, "ann", "ann.other@example.test", "login"},
		{"same login, other tenant", other.ID, "ann", "ann.elsewhere@example.test", ""},
		{"same email in the parent tenant", root.ID, "ann3", "ann@example.test", "email"},
		{"same email in a sibling tenant", sibling.ID, "ann4", "Ann@example.test", "email"},
		{"same email in an unrelated root", other.ID, "ann5", "ann@example.test", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := person(tt.login, "standard", "active")
			n.Email = tt.email
			_, err := st.CreateAccount(context.Background(), actor(tt.tenantID), n)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("CreateAccount: %v, want success", err)
				}
				return
			}
			var c *store.Conflict
			if !errors.As(err, &c) || c.Field != tt.wantField {
				t.Fatalf("error = %v, want a conflict on %q", err, tt.wantField)
			}
			if !errors.Is(err, store.ErrConflict) {
				t.Errorf("errors.Is(%v, ErrConflict) = false", err)
			}
		})
	}
}

func TestCreateAccountUnknownRoleWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	_, otherRoles := newTenant(t, st, "other", 0)

	tests := []struct {
		name    string
		roleIDs []int64
	}{
		{"missing role id", []int64{roles["member"], 99999}},
		{"another tenant's role", []int64{otherRoles["tenant_admin"]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := st.AuditCount(ctx, "user.create")
			_, err := st.CreateAccount(ctx, actor(tn.ID), person("mallory", "standard", "active", tt.roleIDs...))
			wantErr(t, err, store.ErrUnknownRole)

			if _, err := st.AccountByEmail(ctx, tn.ID, "mallory@example.test"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("AccountByEmail after refusal: %v, want ErrNotFound", err)
			}
			if got := logins(t, st, tn.ID, store.UserFilter{Query: "mallory", IncludeNoRole: true, ShowDeactivated: true}); len(got) != 0 {
				t.Errorf("ListUsers finds %v after refusal", got)
			}
			if after, _ := st.AuditCount(ctx, "user.create"); after != before {
				t.Errorf("audit events user.create: %d → %d, want no event for a refused creation", before, after)
			}
		})
	}
	// The refused login and email are free again.
	mustCreate(t, st, tn.ID, person("mallory", "standard", "active", roles["member"]))
}

func TestAccountOfAnotherTenantIsNotFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	a, _ := newTenant(t, st, "alpha", 0)
	b, _ := newTenant(t, st, "beta", 0)
	child, _ := newTenant(t, st, "alpha-child", a.ID)
	acc := mustCreate(t, st, a.ID, person("ann", "admin", "active"))

	if got, err := st.Account(ctx, a.ID, acc.ID); err != nil || got.Login != "ann" {
		t.Fatalf("Account in own tenant = %+v, %v", got, err)
	}
	for _, tenantID := range []int64{b.ID, child.ID} {
		_, err := st.Account(ctx, tenantID, acc.ID)
		wantErr(t, err, store.ErrNotFound)
		_, err = st.AccountByEmail(ctx, tenantID, "ann@example.test")
		wantErr(t, err, store.ErrNotFound)
	}
}

// Writes through another tenant's actor must neither succeed nor change anything.
func TestWritesToAnotherTenantsAccountAreRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	a, aRoles := newTenant(t, st, "alpha", 0)
	b, bRoles := newTenant(t, st, "beta", 0)
	mustCreate(t, st, b.ID, person("bob", "admin", "active"))
	victim := mustCreate(t, st, a.ID, person("ann", "standard", "active", aRoles["user_manager"]))
	mustCreate(t, st, a.ID, person("adam", "admin", "active"))

	intruder := actor(b.ID)
	_, err := st.UpdateProfile(ctx, intruder, victim.ID, store.Profile{FirstName: "Hacked", LastName: "X",
		Email: "hacked@example.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "admin"})
	wantErr(t, err, store.ErrNotFound)
	_, err = st.SetStatus(ctx, intruder, victim.ID, "deactivated")
	wantErr(t, err, store.ErrNotFound)
	err = st.SetRoles(ctx, intruder, victim.ID, []int64{bRoles["member"]})
	wantErr(t, err, store.ErrNotFound)

	got, err := st.Account(ctx, a.ID, victim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FirstName != victim.FirstName || got.Email != victim.Email || got.Status != "active" || got.UserType != "standard" {
		t.Errorf("victim changed: %+v", got)
	}
	if ids := roleIDsOf(t, st, a.ID, victim.ID); !slices.Equal(ids, []int64{aRoles["user_manager"]}) {
		t.Errorf("victim roles = %v", ids)
	}
}

func TestUpdateProfile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	child, _ := newTenant(t, st, "acme-sub", tn.ID)
	mustCreate(t, st, tn.ID, person("admin", "admin", "active"))
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active", roles["member"]))
	mustCreate(t, st, child.ID, person("bob", "standard", "active"))

	p := store.Profile{FirstName: "Anaïs", LastName: "Lefèvre", Email: "Anais.Lefevre@Example.TEST",
		Language: "fr", TimeZone: "Europe/Paris", Currency: "EUR", UserType: "standard"}
	got, err := st.UpdateProfile(ctx, actor(tn.ID), ann.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != "anais.lefevre@example.test" || got.FirstName != "Anaïs" || got.Currency != "EUR" || got.Login != "ann" {
		t.Errorf("updated account = %+v", got)
	}

	t.Run("search follows the new name", func(t *testing.T) {
		if got := logins(t, st, tn.ID, store.UserFilter{Query: "lefevre"}); !slices.Equal(got, []string{"ann"}) {
			t.Errorf("search new name = %v, want [ann]", got)
		}
		if got := logins(t, st, tn.ID, store.UserFilter{Query: "ann@example"}); len(got) != 0 {
			t.Errorf("search by the old email = %v, want nothing", got)
		}
		if got := logins(t, st, tn.ID, store.UserFilter{Query: "ann"}); !slices.Equal(got, []string{"ann"}) {
			t.Errorf("search by the unchanged login = %v, want [ann]", got)
		}
	})

	t.Run("email taken in the tree", func(t *testing.T) {
		q := p
		q.Email = "BOB@example.test"
		_, err := st.UpdateProfile(ctx, actor(tn.ID), ann.ID, q)
		var c *store.Conflict
		if !errors.As(err, &c) || c.Field != "email" {
			t.Fatalf("error = %v, want an email conflict", err)
		}
		if a, _ := st.Account(ctx, tn.ID, ann.ID); a.Email != "anais.lefevre@example.test" {
			t.Errorf("email after refusal = %q", a.Email)
		}
	})

	t.Run("audit before and after", func(t *testing.T) {
		evs, err := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: "user.update", TargetType: "account", TargetID: ann.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 {
			t.Fatalf("got %d user.update events, want 1 (the refused change writes none)", len(evs))
		}
		before, _ := evs[0].Details["before"].(map[string]any)
		after, _ := evs[0].Details["after"].(map[string]any)
		if before["first_name"] != "Ann" || after["first_name"] != "Anaïs" ||
			before["email"] != "ann@example.test" || after["email"] != "anais.lefevre@example.test" ||
			before["currency"] != "USD" || after["currency"] != "EUR" {
			t.Errorf("details = %v", evs[0].Details)
		}
		if _, ok := after["user_type"]; ok {
			t.Errorf("unchanged user_type appears in the audit details: %v", after)
		}
		if evs[0].IP != "192.0.2.10" || evs[0].TargetID != ann.ID {
			t.Errorf("event = %+v", evs[0])
		}
	})

	t.Run("no change, no event", func(t *testing.T) {
		if _, err := st.UpdateProfile(ctx, actor(tn.ID), ann.ID, p); err != nil {
			t.Fatal(err)
		}
		evs, _ := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: "user.update"})
		if len(evs) != 1 {
			t.Errorf("got %d user.update events after a no-op save, want 1", len(evs))
		}
	})
}

// Accounts without an email (service accounts) must stay without one when
// edited: an empty string would collide on the tree-wide unique email index.
func TestUpdateProfileWithoutEmailKeepsItEmpty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	var ids []int64
	for _, login := range []string{"billing-bot", "backup-bot"} {
		n := person(login, "standard", "active")
		n.Kind, n.Email = "service", ""
		ids = append(ids, mustCreate(t, st, tn.ID, n).ID)
	}
	for i, id := range ids {
		_, err := st.UpdateProfile(ctx, actor(tn.ID), id, store.Profile{FirstName: "Bot", LastName: string(rune('A' + i)),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"})
		if err != nil {
			t.Fatalf("rename service account %d without email: %v", i, err)
		}
	}
}

func TestTouchActiveOnlyMovesForward(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	a := mustCreate(t, st, tn.ID, person("ann", "admin", "active"))
	if !a.LastActiveAt.IsZero() {
		t.Fatalf("new account last active = %v, want never", a.LastActiveAt)
	}
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	steps := []struct {
		at   time.Time
		want time.Time
	}{
		{t0, t0},
		{t0.Add(-time.Hour), t0}, // older: ignored
		{t0.Add(time.Minute), t0.Add(time.Minute)},
		{t0, t0.Add(time.Minute)},
	}
	for i, s := range steps {
		if err := st.TouchActive(ctx, a.ID, s.at); err != nil {
			t.Fatal(err)
		}
		got, err := st.Account(ctx, tn.ID, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.LastActiveAt.Equal(s.want) {
			t.Errorf("step %d: touch %v → last active %v, want %v", i, s.at, got.LastActiveAt, s.want)
		}
	}
}
