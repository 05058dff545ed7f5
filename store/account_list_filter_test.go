package store_test

import (
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

func TestListUsersFilters(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	other, otherRoles := newTenant(t, st, "other", 0)
	for _, n := range []store.NewAccount{
		person("ann", "standard", "active", roles["member"]),
		person("bob", "standard", "active"), // no role: public, hidden by default
		person("cat", "admin", "active"),    // admin without roles: shown
		person("dan", "standard", "deactivated", roles["member"]),
		person("eve", "read_only", "pending", roles["auditor"]),
		person("fay", "standard", "active", roles["user_manager"], roles["member"]),
		person("gus", "read_only", "deactivated"),
	} {
		mustCreate(t, st, tn.ID, n)
	}
	bot := person("bot", "standard", "active", roles["member"])
	bot.Kind, bot.Email = "service", ""
	mustCreate(t, st, tn.ID, bot)
	mustCreate(t, st, other.ID, person("ann", "standard", "active", otherRoles["member"]))
	mustCreate(t, st, other.ID, person("zed", "admin", "active", otherRoles["member"]))

	tests := []struct {
		name string
		f    store.UserFilter
		want []string
	}{
		{"default hides no-role and deactivated", store.UserFilter{}, []string{"ann", "cat", "eve", "fay"}},
		{"include no role", store.UserFilter{IncludeNoRole: true}, []string{"ann", "bob", "cat", "eve", "fay"}},
		{"show deactivated", store.UserFilter{ShowDeactivated: true}, []string{"ann", "cat", "dan", "eve", "fay"}},
		{"everything", store.UserFilter{IncludeNoRole: true, ShowDeactivated: true},
			[]string{"ann", "bob", "cat", "dan", "eve", "fay", "gus"}},
		{"status active", store.UserFilter{Status: "active"}, []string{"ann", "cat", "fay"}},
		{"status deactivated", store.UserFilter{Status: "deactivated"}, []string{"dan"}},
		{"status deactivated with no role", store.UserFilter{Status: "deactivated", IncludeNoRole: true}, []string{"dan", "gus"}},
		{"status pending", store.UserFilter{Status: "pending"}, []string{"eve"}},
		{"type admin", store.UserFilter{UserType: "admin"}, []string{"cat"}},
		{"type read_only", store.UserFilter{UserType: "read_only", IncludeNoRole: true, ShowDeactivated: true}, []string{"eve", "gus"}},
		{"type standard", store.UserFilter{UserType: "standard"}, []string{"ann", "fay"}},
		{"role member", store.UserFilter{RoleID: roles["member"]}, []string{"ann", "fay"}},
		{"role member with deactivated", store.UserFilter{RoleID: roles["member"], ShowDeactivated: true}, []string{"ann", "dan", "fay"}},
		{"role user manager", store.UserFilter{RoleID: roles["user_manager"]}, []string{"fay"}},
		{"another tenant's role", store.UserFilter{RoleID: otherRoles["member"], IncludeNoRole: true}, nil},
		{"role and type", store.UserFilter{RoleID: roles["auditor"], UserType: "standard"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := logins(t, st, tn.ID, tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("ListUsers(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		})
	}
	t.Run("other tenant sees only its own", func(t *testing.T) {
		got := logins(t, st, other.ID, store.UserFilter{IncludeNoRole: true, ShowDeactivated: true})
		if !slices.Equal(got, []string{"ann", "zed"}) {
			t.Errorf("other tenant lists %v", got)
		}
	})
}
