package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

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
