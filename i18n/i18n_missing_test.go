package i18n

import (
	"slices"
	"testing"
)

// TestMissingKeysRecorded: T reports a message the requested language lacks,
// every time (the translation cache does not hide it), and only to the
// context that asked; a label probed with a fallback is not reported.
func TestMissingKeysRecorded(t *testing.T) {
	t.Parallel()
	var m, other MissingKeys
	for _, lang := range []string{"en", "fr"} {
		ctx := RecordMissing(With(t.Context(), lang, nil), &m)
		for range 2 { // the second call comes from the cache
			if got := T(ctx, "no_such_key_anywhere"); got != "no_such_key_anywhere" {
				t.Fatalf("missing key shows %q", got)
			}
		}
		T(ctx, "no_such_key_with_arg", map[string]any{"Name": "x"})
		if got := T(ctx, "err_not_found"); got == "err_not_found" {
			t.Fatalf("%s: err_not_found untranslated", lang)
		}
		if got := ActionLabel(ctx, "nothing.happened"); got != "nothing.happened" {
			t.Fatalf("unlabelled action shows %q", got)
		}
	}
	T(RecordMissing(With(t.Context(), "en", nil), &other), "err_not_found")
	want := []string{"en:no_such_key_anywhere", "en:no_such_key_with_arg", "fr:no_such_key_anywhere", "fr:no_such_key_with_arg"}
	if got := m.List(); !slices.Equal(got, want) {
		t.Errorf("missing keys %v, want %v", got, want)
	}
	if got := other.List(); len(got) != 0 {
		t.Errorf("another context saw %v", got)
	}
}
