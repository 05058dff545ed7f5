package web

import (
	"context"
	"fmt"
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

// TestIssue16_Audit_KeysAndServiceAccounts: a live API key is named by its
// name and linked to its account's keys; a service account links to its
// own page, which opens.
func TestIssue16_Audit_KeysAndServiceAccounts(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	res := c.post("/service-accounts", url.Values{"name": {"Billing Sync"}, "role": {itoa(env.roles["auditor"])}})
	wantStatus(t, res, http.StatusSeeOther)
	svcPath := strings.TrimSuffix(res.Header.Get("Location"), "?done=created")
	svcID := strings.TrimPrefix(svcPath, tp("/service-accounts/"))
	wantStatus(t, c.post("/accounts/"+svcID+"/keys", url.Values{"name": {"nightly"}, "expires": {"never"}}), http.StatusOK)
	wantStatus(t, c.post("/account/keys", url.Values{"name": {"laptop"}, "expires": {"never"}}), http.StatusOK)

	row := auditEvent(t, c, "service_account.create")
	link := row.Find(".audit-target a")
	if href, _ := link.Attr("href"); href != svcPath || link.Text() != "Billing Sync" {
		t.Fatalf("service account target: %q → %q", link.Text(), href)
	}
	if !strings.Contains(row.Find(".audit-target").Text(), "Service account") {
		t.Errorf("service account target type: %q", row.Find(".audit-target").Text())
	}
	wantStatus(t, c.get(svcPath), http.StatusOK)

	res = c.get("/audit?action=apikey.create")
	keys := map[string]string{}
	res.doc.Find(".audit-grid > tbody > tr").Each(func(_ int, r *goquery.Selection) {
		a := r.Find(".audit-target a")
		href, _ := a.Attr("href")
		keys[a.Text()] = href
		if s := r.Find(".audit-sentence").Text(); !strings.Contains(s, "Created the API key "+a.Text()+" for ") {
			t.Errorf("key event reads %q", s)
		}
	})
	if keys["nightly"] != svcPath || keys["laptop"] != tp(fmt.Sprintf("/accounts/%d/keys", env.admin.ID)) {
		t.Fatalf("key targets: %v", keys)
	}
	for _, href := range keys {
		wantStatus(t, c.get(href), http.StatusOK)
	}
	// Every event about one key: its creation only, not the whole log.
	about, _ := res.doc.Find(".audit-grid > tbody > tr").First().Find(`a[href*="type=api_key"]`).Attr("href")
	if n := c.get(about).doc.Find(".audit-grid > tbody > tr").Length(); about == "" || n != 1 {
		t.Errorf("the events about a key (%q): %d", about, n)
	}
	if text := res.doc.Find(".audit-grid").Text(); strings.Contains(text, "(deleted)") || strings.Contains(text, "api_key") {
		t.Errorf("a live key reads as deleted or as api_key")
	}
}

// TestIssue16_Audit_OtherTenantsNamesNeverShow: ids in tenant A's details
// that are tenant B's role, group and person read as unknown, never by
// their names.
func TestIssue16_Audit_OtherTenantsNamesNeverShow(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	other, roles := env.newTenant("Globex", "globex")
	secret := env.userIn(other.ID, roles, "hank@globex.test", "standard", "active")
	og, err := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID}, "Secret Ops", "")
	if err != nil {
		t.Fatal(err)
	}
	orole, err := env.st.CreateRole(ctx, store.Actor{TenantID: other.ID}, store.RoleSpec{Name: "Classified", Permissions: []string{"users.view"}})
	if err != nil {
		t.Fatal(err)
	}
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Support", "")
	if err != nil {
		t.Fatal(err)
	}
	err = env.st.Audit(ctx, store.Event{TenantID: env.tenant.ID, ActorID: env.admin.ID, Action: store.ActionGroupMembersAdd,
		TargetType: "group", TargetID: g.ID, Details: map[string]any{"added": []int64{secret.ID},
			"before": map[string]any{"role_ids": []int64{orole}, "group_ids": []int64{og.ID}}, "after": map[string]any{"role_ids": []int64{}}}})
	if err != nil {
		t.Fatal(err)
	}
	row := auditEvent(t, env.signedIn("admin@acme.test"), "group.members.add")
	text := row.Text()
	for _, name := range []string{"Hank", "Secret Ops", "Classified"} {
		if strings.Contains(text, name) {
			t.Errorf("tenant Globex's %q shows in Acme's log: %q", name, text)
		}
	}
	for _, id := range []int64{secret.ID, og.ID, orole} {
		if want := fmt.Sprintf("#%d (unknown)", id); !strings.Contains(text, want) {
			t.Errorf("no %q in %q", want, text)
		}
	}
}

// TestIssue16_Audit_EveryActionHasASentence: every action has its sentence
// in English and in French, and each reads as words with its placeholders
// filled.
func TestIssue16_Audit_EveryActionHasASentence(t *testing.T) {
	t.Parallel()
	consts := actionConstants(t)
	for _, lang := range []string{"en", "fr"} {
		ids, err := i18n.MessageIDs(lang)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, id := range ids {
			have[id] = true
		}
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

// TestIssue16_Audit_NamesCostConstantStatements: a page whose events name
// hundreds of people, groups and roles costs the same statements as a page
// of a single event.
func TestIssue16_Audit_NamesCostConstantStatements(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx, by := context.Background(), actorFor(env)
	c := env.signedIn("admin@acme.test")
	g, err := env.st.CreateGroup(ctx, by, "Support", "")
	if err != nil {
		t.Fatal(err)
	}
	count := func() int64 {
		before := env.st.Statements()
		res := c.get("/audit?action=group.members.add", htmx("audit-table")...)
		wantStatus(t, res, http.StatusOK)
		return env.st.Statements() - before
	}
	var people []int64
	add := func(n int) {
		for range n {
			a := env.user(fmt.Sprintf("p%d@acme.test", len(people)), "standard", "active", "auditor")
			people = append(people, a.ID)
			if _, err := env.st.AddMembers(ctx, by, g.ID, []int64{a.ID}); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(1)
	one := count()
	add(60)
	if many := count(); many != one || many > 8 {
		t.Fatalf("a page of one event took %d statements, a full page %d", one, many)
	}
	// One event naming 300 people shows ten names and counts the rest.
	extra := make([]int64, 300)
	for i := range extra {
		extra[i] = people[i%len(people)]
	}
	if err := env.st.Audit(ctx, store.Event{TenantID: env.tenant.ID, ActorID: env.admin.ID, Action: store.ActionGroupMembersAdd,
		TargetType: "group", TargetID: g.ID, Details: map[string]any{"added": extra}}); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != one {
		t.Fatalf("the page took %d statements", n)
	}
	s := auditEvent(t, c, "group.members.add").Find(".audit-sentence").Text()
	if !strings.Contains(s, "and 290 more") {
		t.Fatalf("a long list reads %q", s)
	}
}

// TestIssue16_Audit_FormerMemberNamed: a person of Acme added to its
// customer Acme EU, then removed, is still named in EU's log ("Removed Sam
// Tester, a person from another tenant"), with Acme as their home tenant;
// a sibling tenant's person never is.
func TestIssue16_Audit_FormerMemberNamed(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	ctx := context.Background()
	if err := w.st.RemoveMember(ctx, store.Actor{TenantID: w.eu.ID, AccountID: w.eva.ID}, w.sam.ID); err != nil {
		t.Fatal(err)
	}
	row := auditEvent(t, w.euAdmin, "member.remove")
	if s := row.Find(".audit-sentence").Text(); s != "Removed Sam Tester, a person from another tenant" {
		t.Errorf("member.remove reads %q", s)
	}
	row = auditEvent(t, w.euAdmin, "member.add")
	if s := row.Find(".audit-sentence").Text(); !strings.Contains(s, "from Acme with Member") {
		t.Errorf("member.add reads %q", s)
	}
	if err := w.st.Audit(ctx, store.Event{TenantID: w.eu.ID, ActorID: w.eva.ID, Action: store.ActionProjectUsersRemove,
		TargetType: "project", TargetID: 1, Details: map[string]any{"before": map[string]any{"account_ids": []int64{w.uma.ID}}}}); err != nil {
		t.Fatal(err)
	}
	row = auditEvent(t, w.euAdmin, "project.users.remove")
	if strings.Contains(row.Text(), "Uma") {
		t.Errorf("a sibling tenant's person is named: %q", row.Text())
	}
}
