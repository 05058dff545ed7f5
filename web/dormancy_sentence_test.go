package web

import (
	"context"
	"strings"
	"testing"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/auditlog"
)

// TestDormancyDeactivationSaysThePolicyDidIt: the audit log tells the
// policy's deactivation from a person's, in both languages.
func TestDormancyDeactivationSaysThePolicyDidIt(t *testing.T) {
	t.Parallel()
	for lang, want := range map[string]string{"en": "The dormancy policy deactivated Zoë", "fr": "La politique d’inactivité a désactivé Zoë"} {
		rd := auditlog.Reader{Ctx: i18n.With(context.Background(), lang, nil), TenantID: 1, Names: store.AuditNames{}}
		e := &store.Event{Action: store.ActionUserDeactivate, TargetType: "account", TargetID: 1,
			Details: map[string]any{"policy": "dormancy", "before": map[string]any{"status": "active"}, "after": map[string]any{"status": "deactivated"}}}
		if s := rd.Sentence(e, "Zoë"); !strings.HasPrefix(s, want) {
			t.Errorf("%s: %q, want %q", lang, s, want)
		}
		delete(e.Details, "policy")
		if s := rd.Sentence(e, "Zoë"); strings.Contains(s, "polic") {
			t.Errorf("%s: a person's deactivation reads %q", lang, s)
		}
	}
}
