package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/auditlog"
)

// speaking makes a signed-in administrator of the env's tenant who reads lang.
func speaking(t *testing.T, env *testEnv, email, lang string) *client {
	t.Helper()
	a := env.user(email, "admin", "active")
	p := profileOf(a, a.FirstName, a.LastName)
	p.Language = lang
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), a.ID, p); err != nil {
		t.Fatal(err)
	}
	return env.signedIn(email)
}

// auditEvent is the row of the first event of action on an audit page.
func auditEvent(t *testing.T, c *client, action string) *goquery.Selection {
	t.Helper()
	res := c.get("/audit?action=" + url.QueryEscape(action))
	wantStatus(t, res, http.StatusOK)
	row := res.doc.Find(".audit-grid > tbody > tr").First()
	if row.Length() == 0 {
		t.Fatalf("no %s event on the audit page", action)
	}
	return row
}

func zoe(t *testing.T, env *testEnv, roles ...string) store.Account {
	t.Helper()
	n := store.NewAccount{Profile: store.Profile{FirstName: "Zoë", LastName: "Smith", Email: "zoe@acme.test", Language: "en",
		TimeZone: "UTC", Currency: "USD", UserType: "standard"}, Login: "zoe", Status: "active", AuthMethod: "password",
		PasswordHash: env.passwordHash()}
	for _, r := range roles {
		n.RoleIDs = append(n.RoleIDs, env.roles[r])
	}
	a, err := env.st.CreateAccount(context.Background(), actorFor(env), n)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestIssue16_Audit_RoleChangeReadsAsASentence: taking Project Manager from
// Zoë reads "Removed Project Manager from Zoë Smith" (and in French), the
// details say "Roles" with the roles' names, never role_ids and ids.
func TestIssue16_Audit_RoleChangeReadsAsASentence(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	z := zoe(t, env, "project_manager", "auditor")
	if err := env.st.SetRoles(context.Background(), actorFor(env), z.ID, []int64{env.roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, sentence, label, kept string }{
		{"en", "Removed Project Manager from Zoë Smith", "Roles", "Auditor"},
		{"fr", "A retiré Gestionnaire de projets à Zoë Smith", "Rôles", "Auditeur"},
	} {
		row := auditEvent(t, speaking(t, env, tc.lang+"@acme.test", tc.lang), "user.roles")
		if got := strings.TrimSpace(row.Find(".audit-sentence").Text()); got != tc.sentence {
			t.Errorf("%s: the event reads %q, want %q", tc.lang, got, tc.sentence)
		}
		change := row.Find(".changes tbody tr").First()
		if got := change.Find("th").Text(); got != tc.label {
			t.Errorf("%s: the field is labelled %q, want %q", tc.lang, got, tc.label)
		}
		if before := change.Find("td").First().Text(); !strings.Contains(before, tc.kept) || strings.ContainsAny(before, "0123456789") {
			t.Errorf("%s: roles before read %q: names, not ids", tc.lang, before)
		}
		if text := row.Text(); strings.Contains(text, "role_ids") {
			t.Errorf("%s: the row shows an internal key: %q", tc.lang, text)
		}
	}
	// The export carries the sentence.
	rows := csvRows(t, env.signedIn("admin@acme.test").get("/audit/export?format=csv&action=user.roles").body)
	if len(rows) < 2 || rows[1][len(rows[1])-1] != "Removed Project Manager from Zoë Smith" {
		t.Fatalf("the export's row: %v", rows[1:])
	}
}

// TestIssue16_Audit_NamesNotIds: group members, a project's people and
// teams, default roles, a download's filters: each detail shows names and
// labels; a deleted role shows its last name marked deleted.
func TestIssue16_Audit_NamesNotIds(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx, by := context.Background(), actorFor(env)
	z := zoe(t, env)
	g, err := env.st.CreateGroup(ctx, by, "Support", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, by, g.ID, []int64{z.ID, env.admin.ID}); err != nil {
		t.Fatal(err)
	}
	p, err := env.st.CreateProject(ctx, by, "Apollo", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectTeams(ctx, by, p.ID, []int64{g.ID}, "write"); err != nil {
		t.Fatal(err)
	}
	billing, err := env.st.CreateRole(ctx, by, store.RoleSpec{Name: "Billing", Permissions: []string{"users.view"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoles(ctx, by, z.ID, []int64{billing}); err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoles(ctx, by, z.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := env.st.DeleteRole(ctx, by, billing); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	wantStatus(t, c.get("/users/report?format=csv&all=1"), http.StatusOK)
	wantStatus(t, c.get("/audit/export?format=xlsx&action=group.update&type=group"), http.StatusOK)

	for action, want := range map[string][]string{
		"group.members.add":       {"Added Admin Tester and Zoë Smith to the group Support", "Added"},
		"project.teams.add":       {"Added the teams Support to the project Apollo (Write)", "Groups"},
		"user.roles":              {"Removed Billing (deleted) from Zoë Smith", "Roles"},
		"role.delete":             {"Deleted the role Billing", "Permissions"},
		"report.user_permissions": {"Downloaded the user permission report (CSV)", "Everyone"},
		"audit.export":            {"Exported the audit log (Excel)", "Action: Group updated, Target type: Group"},
	} {
		row := auditEvent(t, c, action)
		if got := strings.TrimSpace(row.Find(".audit-sentence").Text()); got != want[0] {
			t.Errorf("%s reads %q, want %q", action, got, want[0])
		}
		details := row.Find("details").Text()
		if !strings.Contains(details, want[1]) {
			t.Errorf("%s: details lack %q: %q", action, want[1], details)
		}
		for _, internal := range []string{"_ids", "added ", "group_id", `{"all":true}`, "account_id"} {
			if strings.Contains(details, internal) {
				t.Errorf("%s: details show %q: %q", action, internal, details)
			}
		}
	}
	// The deleted role's target is named and marked, and not linked.
	row := auditEvent(t, c, "role.delete")
	if target := row.Find(".audit-target"); !strings.Contains(target.Text(), "Billing (deleted)") || target.Find("a").Length() != 0 {
		t.Errorf("deleted role's target: %q", target.Text())
	}
}

// TestIssue16_Audit_EveryActionHasASentence: every action has its sentence
// in English and in French, and each reads as words with its placeholders
// filled.
func TestIssue16_Audit_EveryActionHasASentence(t *testing.T) {
	t.Parallel()
	consts := actionConstants(t)
	for _, lang := range []string{"en", "fr"} {
		have := catalog(t, lang)
		ctx := i18n.With(context.Background(), lang, nil)
		rd := auditlog.Reader{Ctx: ctx, TenantID: 1, Names: store.AuditNames{}}
		for name, v := range consts {
			key := auditlog.SentenceKey(store.Action(v))
			if !have[key] {
				t.Errorf("store.%s (%q) has no %s sentence: %s is missing", name, v, lang, key)
				continue
			}
			s := rd.Sentence(&store.Event{Action: store.Action(v), TargetType: "account", TargetID: 1,
				Details: map[string]any{"after": map[string]any{"role_ids": []any{float64(2)}}}}, "Zoë Smith")
			if s == "" || s == key || strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
				t.Errorf("%s: store.%s reads %q", lang, name, s)
			}
		}
	}
	if len(views.AuditActions) < len(consts) {
		t.Fatalf("views.AuditActions lists %d actions, store %d", len(views.AuditActions), len(consts))
	}
}
