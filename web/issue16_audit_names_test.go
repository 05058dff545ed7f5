package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

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
