package views

import (
	"testing"
)

// TestEveryAuditActionIsLabelled: every action the audit log's filter offers
// is labelled in both languages, so no event shows its raw name. That the
// filter offers every action the code writes (the constants of
// store/actions.go) is tested in web/audit_actions_test.go, which sees both.
func TestEveryAuditActionIsLabelled(t *testing.T) {
	t.Parallel()
	if len(AuditActions) < 20 {
		t.Fatalf("only %d audit actions", len(AuditActions))
	}
	for _, lang := range []string{"en", "fr"} {
		ctx := ForLang(t.Context(), lang)
		for _, a := range AuditActions {
			if ActionLabel(ctx, a) == a {
				t.Errorf("action %q has no %s label", a, lang)
			}
		}
	}
}
