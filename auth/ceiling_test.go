package auth

import (
	"slices"
	"testing"
)

func TestKeyCeiling(t *testing.T) {
	perms := Perms{UsersView: true, APIKeysManage: true}
	for _, tc := range []struct {
		name         string
		creatorType  string
		own, bounded bool
		want         []string
	}{
		{"own key", "standard", true, false, nil},
		{"an Admin's", "admin", false, false, nil},
		{"another's", "standard", false, false, []string{"apikeys.manage", "users.view"}},
		{"own key, made with a bounded key", "standard", true, true, []string{"apikeys.manage", "users.view"}},
	} {
		got := KeyCeiling(tc.creatorType, perms, tc.own, tc.bounded)
		if (got == nil) != (tc.want == nil) || !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	within := Perms{UsersView: true, UsersManage: true, AuditView: true}.Within([]string{"users.view", "tenant.settings"})
	if len(within) != 1 || !within.Has(UsersView) {
		t.Errorf("Within: %v", within)
	}
	if got := (Perms{UsersView: true}).Within(nil); !got.Has(UsersView) {
		t.Errorf("Within(nil): %v", got)
	}
	if got := (Perms{UsersView: true}).Within([]string{}); len(got) != 0 {
		t.Errorf("Within(empty): %v", got)
	}
}
