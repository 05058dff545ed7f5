package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// TestProjectPicker: the right panel lists the tenant's projects with the
// selected one unfolded in place; the Misconfigured filter and the search
// narrow it, selecting another project navigates and keeps the left panel's
// state, and another tenant's project never shows.
func TestProjectPicker(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	by := actorFor(env)
	ann := env.user("ann@acme.test", "standard", "active")
	apollo, hermes, intranet := env.project("Apollo"), env.project("Hermes"), env.project("Intranet")
	// Ann is on Intranet one by one without Team: on no team, so misconfigured.
	if err := env.st.AddProjectUsers(ctx, by, intranet.ID, []int64{ann.ID}, "write", false); err != nil {
		t.Fatal(err)
	}
	other, _ := env.newTenant("Other", "other")
	theirs, err := env.st.CreateProject(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	row := func(p store.Project) string { return fmt.Sprintf("#pp-proj-%d", p.ID) }
	listed := func(res response) []string {
		var ids []string
		res.doc.Find("#pp-projects .pp-proj").Each(func(_ int, s *goquery.Selection) { ids = append(ids, s.AttrOr("id", "")) })
		return ids
	}

	res := c.get(projectPath(apollo, ""))
	wantStatus(t, res, http.StatusOK)
	if got, want := listed(res), []string{row(apollo)[1:], row(hermes)[1:], row(intranet)[1:]}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("the panel lists %v, want %v", got, want)
	}
	if res.doc.Find(row(apollo)+"[aria-current=true] #pp-project #pp-selected").Length() != 1 {
		t.Fatal("the selected project is not unfolded in place")
	}
	if res.doc.Find(row(hermes)+" #pp-project").Length() != 0 || res.doc.Find("#pp-project").Length() != 1 {
		t.Fatal("another project is unfolded for editing")
	}
	if got := ptext(res, row(intranet)+" .pp-counts"); !strings.Contains(got, "1 misconfigured") || !strings.Contains(got, "People 1 · Teams 0") {
		t.Fatalf("Intranet's counts %q", got)
	}
	if strings.Contains(res.body, "Theirs") || res.doc.Find(row(theirs)).Length() != 0 {
		t.Fatal("another tenant's project is listed")
	}

	// Misconfigured only: Intranet alone; Apollo, selected, stays pinned first.
	for _, hx := range [][]string{nil, htmx("pp-projects")} {
		res = c.get(projectPath(apollo, "?prmis=1"), hx...)
		wantStatus(t, res, http.StatusOK)
		if got := strings.Join(listed(res), ","); got != row(apollo)[1:]+","+row(intranet)[1:] {
			t.Fatalf("Misconfigured only (htmx %v) lists %s", hx != nil, got)
		}
		if res.doc.Find(row(apollo)+" .pp-pin-note").Length() != 1 || res.doc.Find("#pp-project").Length() != 1 {
			t.Fatal("the selected project, filtered out, is not pinned")
		}
		if (hx != nil) == strings.Contains(res.body, "<html") {
			t.Fatal("the htmx answer is not the panel alone, or the plain one not the page")
		}
	}
	res = c.get(projectPath(apollo, "?prq=herm"))
	if got := strings.Join(listed(res), ","); got != row(apollo)[1:]+","+row(hermes)[1:] {
		t.Fatalf("the search lists %s", got)
	}

	// Selecting Hermes: a link (every panel's state in it) and, with htmx, the
	// whole tab with its title and the focus on Hermes.
	res = c.get(projectPath(apollo, "?gq=Sal&prmis=1&pafter=x"))
	pick := res.doc.Find(fmt.Sprintf("#pp-pick-%d", intranet.ID))
	href, get := pick.AttrOr("href", ""), pick.AttrOr("hx-get", "")
	if !strings.HasPrefix(href, tp(projectPath(intranet, "?"))) || !strings.Contains(href, "gq=Sal") || !strings.Contains(href, "prmis=1") || strings.Contains(href, "pafter") {
		t.Fatalf("Intranet's link %q", href)
	}
	if get != tp(projectPath(intranet, "?prmis=1")) || pick.AttrOr("hx-target", "") != "#pp-page" || pick.AttrOr("hx-push-url", "") != "true" {
		t.Fatalf("Intranet's hx-get %q", get)
	}
	if v := res.doc.Find(`#pp-gstate input[name=gq]`).AttrOr("value", ""); v != "Sal" {
		t.Fatalf("the left panel's state for htmx: gq %q", v)
	}
	res = c.get(get+"&gq=Sal", htmx("pp-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.HasPrefix(res.body, "<title>Project Intranet") || res.doc.Find("#pp-page").Length() != 1 {
		t.Fatalf("the selection answer: %.80q", res.body)
	}
	if res.doc.Find(row(intranet)+"[aria-current=true] #pp-selected[autofocus]").Length() != 1 {
		t.Fatal("Intranet is not selected, or its heading does not take the focus")
	}
	if v := res.doc.Find("#pp-gq").AttrOr("value", ""); v != "Sal" {
		t.Fatalf("the groups search is %q after selecting", v)
	}
	res = c.get(strings.Split(href, "#")[0])
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(row(intranet)+"[aria-current=true]").Length() != 1 || res.doc.Find("#pp-selected[autofocus]").Length() != 0 {
		t.Fatal("the plain link does not select Intranet (or steals the focus on load)")
	}

	// Keyset pages of 20; the selected project, on the first, is pinned on the second.
	for i := range 25 {
		env.project(fmt.Sprintf("P%02d", i))
	}
	res = c.get(projectPath(apollo, ""))
	next := res.doc.Find("#pp-projects-next").AttrOr("href", "")
	if n := len(listed(res)); n != pickerPerPage || next == "" {
		t.Fatalf("first page: %d projects, next %q", n, next)
	}
	res = c.get(next, htmx("pp-projects")...)
	if ids := listed(res); len(ids) != 9 || ids[0] != row(apollo)[1:] || res.doc.Find("#pp-projects-first").Length() != 1 {
		t.Fatalf("second page: %v", ids)
	}

	// Unfolding a project read-only: its people and their access; another
	// tenant's is not found; without htmx it selects the project.
	res = c.get(projectPath(intranet, "/summary"), htmx("")...)
	wantStatus(t, res, http.StatusOK)
	if got := ptext(res, fmt.Sprintf("#pp-summary-%d", intranet.ID)); !strings.Contains(got, "Ann Tester") || !strings.Contains(got, "Misconfigured") {
		t.Fatalf("Intranet's summary %q", got)
	}
	if res.doc.Find("input, select, button").Length() != 0 {
		t.Fatal("the summary is not read-only")
	}
	wantStatus(t, c.get(fmt.Sprintf("/projects/%d/summary", theirs.ID), htmx("")...), http.StatusNotFound)
	res = c.get(projectPath(intranet, "/summary"))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), tp(projectPath(intranet, ""))) {
		t.Fatalf("summary without htmx: %d %q", res.StatusCode, res.Header.Get("Location"))
	}

	env.french(env.admin)
	res = c.get(projectPath(apollo, ""))
	if got := ptext(res, "#pp-prsearch"); !strings.Contains(got, "Mal configurés seulement") || !strings.Contains(ptext(res, "#pp-projects"), "Voir qui y participe") {
		t.Fatalf("no French: %q", got)
	}
}
