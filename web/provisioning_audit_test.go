package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestAuditShowsTheProvider: what Entra ID did through its token shows as
// "Identity provider (token «Entra ID»)", in English and French; the new
// actions carry their labels.
func TestAuditShowsTheProvider(t *testing.T) {
	t.Parallel()
	env := newProvEnv(newEnv(t))
	zoe := env.scimUser("zoe", "Zoë")
	for _, tc := range []struct{ lang, actor, created, mode string }{
		{"en", "Identity provider (token «Entra ID»)", "Provisioning token created", "Provisioning mode changed"},
		{"fr", "Fournisseur d’identité (jeton « Entra ID »)", "Jeton de provisionnement créé", "Mode de provisionnement modifié"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			email := tc.lang + "-admin@acme.test"
			a := env.user(email, "admin", "active")
			p := profileOf(a, a.FirstName, a.LastName)
			p.Language = tc.lang
			if _, err := env.st.UpdateProfile(context.Background(), actorFor(env.testEnv), a.ID, p); err != nil {
				t.Fatal(err)
			}
			admin := env.signedIn(email)
			page := admin.get("/audit?type=account&target=" + id(zoe))
			wantStatus(t, page, http.StatusOK)
			rows := page.doc.Find(`tr[id^="event-"]`)
			// The oldest event about Zoë: the provider created her.
			if rows.Length() == 0 || !strings.Contains(rows.Last().Text(), tc.actor) {
				t.Fatalf("the provider's event shows as %q", rows.Last().Text())
			}
			all := admin.get("/audit").doc.Find("tbody").Text()
			for _, want := range []string{tc.created, tc.mode} {
				if !strings.Contains(all, want) {
					t.Errorf("no %q in the log", want)
				}
			}
			if !strings.Contains(all, "Entra ID") {
				t.Error("the token event does not name the token")
			}
			rows2 := csvRows(t, admin.get("/audit/export?format=csv&type=account&target="+id(zoe)).body)
			if last := rows2[len(rows2)-1]; len(last) < 2 || last[1] != tc.actor {
				t.Errorf("the export shows the provider as %q", last)
			}
		})
	}
}
