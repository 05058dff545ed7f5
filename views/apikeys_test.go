package views

import (
	"testing"

	"github.com/console-dev/console/i18n"
)

// TestKeyMessagesComplete: the ids the keys panel builds from values exist in both catalogs.
func TestKeyMessagesComplete(t *testing.T) {
	en, fr := catalog(t, "en"), catalog(t, "fr")
	var ids []string
	for _, s := range []string{"active", "expired", "revoked"} {
		ids = append(ids, "key_status_"+s)
	}
	for _, e := range []string{"30d", "90d", "365d", "never"} {
		ids = append(ids, "keys_expires_"+e)
	}
	for _, id := range ids {
		if !en[id] || !fr[id] {
			t.Errorf("message %s missing (en %v, fr %v)", id, en[id], fr[id])
		}
	}
}

func catalog(t *testing.T, lang string) map[string]bool {
	t.Helper()
	ids, err := i18n.MessageIDs(lang)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}
