package importer

import (
	"testing"

	"github.com/console-dev/console/i18n"
)

// Every key the importer builds from a name (a field, a kind, a field's
// refusal) is in both catalogs: the scan of literal keys cannot see them.
func TestBuiltKeysAreTranslated(t *testing.T) {
	t.Parallel()
	var keys []string
	for _, f := range Fields {
		keys = append(keys, "import_field_"+f)
	}
	for _, k := range Kinds {
		keys = append(keys, "import_kind_"+string(k), "import_row_"+string(k))
	}
	for _, f := range fieldReasons {
		keys = append(keys, "import_err_invalid_"+f)
	}
	keys = append(keys, "import_err_taken_login", "import_err_taken_email")
	var m i18n.MissingKeys
	for _, lang := range []string{"en", "fr"} {
		ctx := i18n.RecordMissing(i18n.With(t.Context(), lang, nil), &m)
		for _, k := range keys {
			i18n.T(ctx, k)
		}
	}
	if missing := m.List(); len(missing) > 0 {
		t.Fatalf("untranslated: %v", missing)
	}
}
