package web

import (
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// TestPermissionCatalogIsTranslated: every permission, area and built-in role
// description the pages build a key for exists in both languages.
func TestPermissionCatalogIsTranslated(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		have := catalog(t, lang)
		want := []string{"area_modules", "area_other"}
		for _, p := range auth.Catalog {
			k := views.PermKey(string(p.Key))
			want = append(want, "perm_"+k, "perm_"+k+"_desc", "area_"+p.Area)
		}
		for _, r := range auth.BuiltinRoles() {
			want = append(want, "role_"+r.Key+"_desc")
		}
		for _, id := range want {
			if !have[id] {
				t.Errorf("%s catalog lacks %s", lang, id)
			}
		}
	}
}
