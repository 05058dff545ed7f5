package web

import (
	"testing"

	"github.com/console-dev/console/i18n"
)

// catalog is the set of message ids of one language's catalog.
func catalog(t *testing.T, lang string) map[string]bool {
	t.Helper()
	ids, err := i18n.MessageIDs(lang)
	if err != nil {
		t.Fatal(err)
	}
	have := make(map[string]bool, len(ids))
	for _, id := range ids {
		have[id] = true
	}
	return have
}
