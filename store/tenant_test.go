package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

func TestCreateTenantSeedsRoles(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)

	roles, err := st.Roles(context.Background(), tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(roles) != len(testRoles) {
		t.Fatalf("got %d roles, want %d", len(roles), len(testRoles))
	}
	for i, want := range testRoles {
		got := roles[i]
		if got.TenantID != tn.ID || got.BuiltinKey != want.Key || got.Name != want.Name ||
			!slices.Equal(got.Permissions, want.Permissions) {
			t.Errorf("role %d = %+v, want %+v in tenant %d", i, got, want, tn.ID)
		}
	}
}

func TestTenantTree(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	root, _ := newTenant(t, st, "provider", 0)
	child, _ := newTenant(t, st, "customer", root.ID)
	grandchild, _ := newTenant(t, st, "branch", child.ID)
	other, _ := newTenant(t, st, "other", 0)

	tests := []struct {
		name       string
		tenant     store.Tenant
		wantParent int64 // 0: a root
		wantRoot   int64
	}{
		{"root", root, 0, root.ID},
		{"child", child, root.ID, root.ID},
		{"grandchild", grandchild, child.ID, root.ID},
		{"unrelated root", other, 0, other.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, got := range []store.Tenant{tt.tenant, mustTenant(t, st, tt.tenant.ID)} {
				if got.RootID != tt.wantRoot {
					t.Errorf("root_id = %d, want %d", got.RootID, tt.wantRoot)
				}
				var parent int64
				if got.ParentID != nil {
					parent = *got.ParentID
				}
				if parent != tt.wantParent {
					t.Errorf("parent = %d, want %d", parent, tt.wantParent)
				}
			}
		})
	}

	t.Run("unknown parent", func(t *testing.T) {
		_, err := st.CreateTenant(ctx, "Orphan", "orphan", 9999, testRoles)
		wantErr(t, err, store.ErrNotFound)
		if _, err := st.TenantBySlug(ctx, "orphan"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("orphan tenant was written: %v", err)
		}
	})
	t.Run("duplicate slug", func(t *testing.T) {
		_, err := st.CreateTenant(ctx, "Provider again", "provider", 0, testRoles)
		var c *store.Conflict
		if !errors.As(err, &c) || c.Field != "slug" {
			t.Fatalf("error = %v, want a slug conflict", err)
		}
	})
	t.Run("by slug", func(t *testing.T) {
		got, err := st.TenantBySlug(ctx, "customer")
		if err != nil || got.ID != child.ID || got.Name != "Customer" {
			t.Fatalf("TenantBySlug = %+v, %v; want tenant %d", got, err, child.ID)
		}
	})
}

func mustTenant(t *testing.T, st *store.Store, id int64) store.Tenant {
	t.Helper()
	tn, err := st.Tenant(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tn
}
