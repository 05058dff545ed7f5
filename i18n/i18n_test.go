package i18n

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
)

func catalog(t *testing.T, lang string) map[string]bool {
	t.Helper()
	ids, err := MessageIDs(lang)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// TestCatalogsComplete: English and French hold the same keys.
func TestCatalogsComplete(t *testing.T) {
	en, fr := catalog(t, "en"), catalog(t, "fr")
	for id := range en {
		if !fr[id] {
			t.Errorf("fr.toml lacks %q", id)
		}
	}
	for id := range fr {
		if !en[id] {
			t.Errorf("en.toml lacks %q (present in fr.toml)", id)
		}
	}
}

var keyUses = []*regexp.Regexp{
	regexp.MustCompile(`\bT\(ctx, "([a-z_]+)"`),
	regexp.MustCompile(`key: "([a-z_]+)"`),
	regexp.MustCompile(`"(notice_[a-z_]+)"`),
	regexp.MustCompile(`"(err_[a-z_]+)"`),
}

// TestEveryUsedKeyExists scans the code for message ids and the ids it builds
// from values (statuses, user types, built-in roles, languages, sign-in methods).
func TestEveryUsedKeyExists(t *testing.T) {
	en := catalog(t, "en")
	used := map[string]string{}
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_templ.go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".templ") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, re := range keyUses {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = path
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"active", "pending", "deactivated", "inactive"} {
		used["status_"+s] = "statusKey"
	}
	for _, s := range []string{"admin", "standard", "read_only"} {
		used["type_"+s] = "userTypeKey"
	}
	for _, s := range []string{"browser", "en", "fr"} {
		used["lang_"+s] = "language select"
	}
	for _, s := range []string{"password", "sso"} {
		used["auth_"+s] = "sign-in method"
	}
	for _, r := range auth.BuiltinRoles() {
		used["role_"+r.Key] = "built-in role"
	}
	for _, p := range auth.Catalog {
		key := "perm_" + strings.ReplaceAll(string(p.Key), ".", "_")
		used[key] = "permission catalog"
		used[key+"_desc"] = "permission catalog"
		used["area_"+p.Area] = "permission area"
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in use; is the scan broken?", len(used))
	}
	var missing []string
	for id, where := range used {
		if !en[id] && !strings.HasSuffix(id, "_") { // a prefix ("role_"+key) is checked through its values above
			missing = append(missing, id+" ("+where+")")
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("message id %s is used but not in the catalogs", m)
	}
}

func TestLangNegotiation(t *testing.T) {
	for _, tc := range []struct{ setting, accept, want string }{
		{"fr", "en-US", "fr"},
		{"en", "fr-FR", "en"},
		{"browser", "fr-CA,fr;q=0.9", "fr"},
		{"browser", "de-DE,de;q=0.9", "en"},
		{"browser", "", "en"},
		{"browser", "garbage;;;", "en"},
	} {
		if got := Pick(tc.setting, tc.accept); got != tc.want {
			t.Errorf("Pick(%q, %q) = %q, want %q", tc.setting, tc.accept, got, tc.want)
		}
	}
}

func TestTranslateFillsPlaceholders(t *testing.T) {
	ctx := With(context.Background(), "fr", nil)
	if got := T(ctx, "err_too_long", map[string]any{"Max": 64}); got != "Utilisez au plus 64 caractères." {
		t.Fatalf("got %q", got)
	}
}

func TestTranslateFillsStringPlaceholdersRepeatedly(t *testing.T) {
	ctx := With(context.Background(), "fr", nil)
	for _, name := range []string{"Élodie O'Brien", "Zoë", "{{.Name}}"} {
		if got, want := T(ctx, "user_edit_named", map[string]any{"Name": name}), "Modifier "+name; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	en := With(context.Background(), "en", nil)
	if got := T(en, "user_edit_named", map[string]any{"Name": "Zoë"}); got != "Edit Zoë" {
		t.Fatalf("got %q", got)
	}
}
