package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// userPageWorld is a person with something on every tab: a direct role, a
// group that gives a role and one that gives none, a project directly and
// one through a group, a browser signed in, an API key, and audit events as
// the actor and as the target.
type userPageWorld struct {
	*testEnv
	zoe, carol, mo         store.Account
	support, readers       store.Group
	apollo, helpdesk       store.Project
	zoeBrowser             *client
	byZoe, aboutZoe, other int64 // audit event ids
}

func newUserPageWorld(t *testing.T) *userPageWorld {
	env := newEnv(t)
	ctx := context.Background()
	w := &userPageWorld{testEnv: env}
	w.zoe = env.user("zoe@acme.test", "standard", "active", "auditor")
	w.carol = env.user("carol@acme.test", "standard", "active", "user_manager")
	w.mo = env.user("mo@acme.test", "standard", "active", "member")
	w.support = env.group("Support", "project_manager")
	w.readers = env.group("Readers")
	for _, g := range []store.Group{w.support, w.readers} {
		if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, []int64{w.zoe.ID}); err != nil {
			t.Fatal(err)
		}
	}
	w.apollo, w.helpdesk = env.project("Apollo"), env.project("Helpdesk")
	if err := env.st.AddProjectUsers(ctx, actorFor(env), w.apollo.ID, []int64{w.zoe.ID}, "write", true); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectTeams(ctx, actorFor(env), w.helpdesk.ID, []int64{w.support.ID}, "read"); err != nil {
		t.Fatal(err)
	}
	env.keyFor(w.zoe, w.zoe.CreatedAt.AddDate(1, 0, 0))
	w.zoeBrowser = env.signedIn("zoe@acme.test") // signin.success, by Zoë
	if _, err := env.st.UpdateProfile(ctx, actorFor(env), w.zoe.ID, profileOf(w.zoe, "Zoë", "Smith")); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.UpdateProfile(ctx, actorFor(env), w.mo.ID, profileOf(w.mo, "Mo", "Other")); err != nil {
		t.Fatal(err)
	}
	events, err := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		switch {
		case e.Action == store.ActionSignInSuccess && e.ActorID == w.zoe.ID:
			w.byZoe = e.ID
		case e.Action == store.ActionUserUpdate && e.TargetID == w.zoe.ID:
			w.aboutZoe = e.ID
		case e.Action == store.ActionUserUpdate && e.TargetID == w.mo.ID:
			w.other = e.ID
		}
	}
	if w.byZoe == 0 || w.aboutZoe == 0 || w.other == 0 {
		t.Fatalf("seed events: by %d, about %d, other %d", w.byZoe, w.aboutZoe, w.other)
	}
	return w
}

func (w *userPageWorld) pagePath(a store.Account, tab string) string {
	p := "/users/" + id(a) + "/page"
	if tab != "" {
		p += "?tab=" + tab
	}
	return p
}

// TestIssue16UserPageTabs: each tab of the user page renders the person's
// data, as a full page and, for htmx, as the block alone.
func TestIssue16UserPageTabs(t *testing.T) {
	t.Parallel()
	w := newUserPageWorld(t)
	admin := w.signedIn("admin@acme.test")

	res := admin.get(w.pagePath(w.zoe, ""))
	wantStatus(t, res, http.StatusOK)
	if got := ptext(res, "h1"); got != "Zoë Smith" {
		t.Errorf("heading %q", got)
	}
	tabs := res.doc.Find(`[role="tablist"] [role="tab"]`)
	if tabs.Length() != 7 {
		t.Fatalf("%d tabs, want 7: %s", tabs.Length(), text(tabs))
	}
	if sel := res.doc.Find(`[role="tab"][aria-selected="true"]`); text(sel) != "Profile" {
		t.Errorf("selected tab %q, want Profile", text(sel))
	}
	if href, _ := res.doc.Find(`#up16-tab-groups`).Attr("hx-get"); !strings.Contains(href, "tab=groups") {
		t.Errorf("the Groups tab's hx-get is %q", href)
	}
	if push, _ := res.doc.Find(`#up16-tab-groups`).Attr("hx-push-url"); push != "true" {
		t.Error("the tabs do not push their address")
	}
	profile := ptext(res, `[role="tabpanel"]`)
	for _, want := range []string{"zoe@acme.test", "zoe", "Active", "Standard", "Created", "Last active"} {
		if !strings.Contains(profile, want) {
			t.Errorf("profile lacks %q: %s", want, profile)
		}
	}

	for _, tt := range []struct {
		tab  string
		want []string
		not  []string
	}{
		{"access", []string{"Auditor direct", "Project Manager via group Support", "Manage projects"}, nil},
		{"groups", []string{"Support", "Project Manager", "Readers", "No role (membership only)"}, nil},
		{"projects", []string{"Apollo", "Helpdesk", "Support"}, nil},
		{"sessions", []string{"Signed in", "Last seen", "Sign out everywhere"}, []string{"Not signed in anywhere"}},
		{"keys", []string{"test", "Active", "Manage API keys"}, []string{"No API keys yet"}},
		{"history", []string{"Zoë Smith"}, []string{"No events yet"}},
	} {
		t.Run(tt.tab, func(t *testing.T) {
			res := admin.get(w.pagePath(w.zoe, tt.tab))
			wantStatus(t, res, http.StatusOK)
			if sel := res.doc.Find(`[role="tab"][aria-selected="true"]`); sel.AttrOr("id", "") != "up16-tab-"+tt.tab {
				t.Errorf("selected tab %q", sel.AttrOr("id", ""))
			}
			panel := ptext(res, `[role="tabpanel"]`)
			for _, want := range tt.want {
				if !strings.Contains(panel, want) {
					t.Errorf("%s tab lacks %q: %s", tt.tab, want, snippet(panel))
				}
			}
			for _, not := range tt.not {
				if strings.Contains(panel, not) {
					t.Errorf("%s tab says %q", tt.tab, not)
				}
			}
		})
	}

	// Groups: the group that gives no role is listed, marked so.
	res = admin.get(w.pagePath(w.zoe, "groups"))
	if got := ptext(res, "#up16-group-"+itoa(w.readers.ID)); !strings.Contains(got, "No role") {
		t.Errorf("Readers row %q", got)
	}
	// History: an event by Zoë and one about her; not one about someone else.
	res = admin.get(w.pagePath(w.zoe, "history"))
	for name, ev := range map[string]int64{"as actor": w.byZoe, "as target": w.aboutZoe} {
		if res.doc.Find("#up16-history #event-"+itoa(ev)).Length() != 1 {
			t.Errorf("history lacks the event %s (#%d)", name, ev)
		}
	}
	if res.doc.Find("#event-"+itoa(w.other)).Length() != 0 {
		t.Error("history shows an event about someone else")
	}
	if href, _ := res.doc.Find(`a[href*="/audit?"][href*="target="]`).Attr("href"); !strings.Contains(href, "target="+id(w.zoe)) {
		t.Errorf("no link to the audit log about her: %q", href)
	}

	// htmx: the block alone, no layout.
	res = admin.get(w.pagePath(w.zoe, "groups"), htmx("user-page")...)
	wantStatus(t, res, http.StatusOK)
	if strings.Contains(strings.ToLower(res.body), "<html") {
		t.Error("an htmx tab request got the whole page")
	}
	if res.doc.Find("#user-page #up16-panel").Length() != 1 || !strings.Contains(res.body, "Readers") {
		t.Errorf("htmx answer is not the block: %s", snippet(res.body))
	}
}

// TestIssue16UserPageAccess: the page is tenant-scoped and needs what the
// sidebar needs; tabs beyond the viewer's permissions are neither shown nor served.
func TestIssue16UserPageAccess(t *testing.T) {
	t.Parallel()
	w := newUserPageWorld(t)
	other, otherRoles := w.newTenant("Globex", "globex")
	stranger := w.userIn(other.ID, otherRoles, "stranger@globex.test", "standard", "active", "member")

	admin := w.signedIn("admin@acme.test")
	wantStatus(t, admin.get(w.pagePath(w.zoe, "")), http.StatusOK)
	wantStatus(t, admin.get(w.pagePath(stranger, "")), http.StatusNotFound)
	wantStatus(t, admin.get(w.pagePath(stranger, "sessions")), http.StatusNotFound)

	carol := w.signedIn("carol@acme.test") // users.view, no audit.view nor apikeys.manage
	res := carol.get(w.pagePath(w.zoe, ""))
	wantStatus(t, res, http.StatusOK)
	for _, hidden := range []string{"#up16-tab-history", "#up16-tab-keys"} {
		if res.doc.Find(hidden).Length() != 0 {
			t.Errorf("carol sees %s", hidden)
		}
	}
	wantStatus(t, carol.get(w.pagePath(w.zoe, "history")), http.StatusForbidden)
	wantStatus(t, carol.get(w.pagePath(w.zoe, "keys")), http.StatusForbidden)

	mo := w.signedIn("mo@acme.test") // projects.view only: no sidebar, no page
	wantStatus(t, mo.get(w.pagePath(w.zoe, "")), http.StatusForbidden)
}

// TestIssue16SignOutEverywhere: the sessions tab's button ends every browser
// of the person through the operation: audited, and refused to an actor who
// lacks some of the person's permissions.
func TestIssue16SignOutEverywhere(t *testing.T) {
	t.Parallel()
	w := newUserPageWorld(t)
	ctx := context.Background()
	end := "/users/" + id(w.zoe) + "/sessions/end"
	if n, _ := w.st.SessionCount(ctx, w.zoe.ID); n == 0 {
		t.Fatal("zoe has no session to end")
	}

	// Carol manages users but not projects: Zoë holds more than she does.
	carol := w.signedIn("carol@acme.test")
	res := carol.get(w.pagePath(w.zoe, "sessions"))
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(`form[action$="/sessions/end"]`).Length() != 0 {
		t.Error("carol is offered Sign out everywhere")
	}
	if !strings.Contains(ptext(res, "#up16-panel"), "cannot sign this person out") {
		t.Errorf("carol is not told why: %s", ptext(res, "#up16-panel"))
	}
	res = carol.post(end, nil)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(ptext(res, `[role="alert"]`), "holds access you do not") {
		t.Errorf("carol is not told why she was refused: %q", ptext(res, `[role="alert"]`))
	}
	if n, _ := w.st.SessionCount(ctx, w.zoe.ID); n == 0 {
		t.Fatal("a refused sign-out ended the sessions")
	}
	wantStatus(t, w.zoeBrowser.get("/users"), http.StatusOK)

	admin := w.signedIn("admin@acme.test")
	res = admin.get(w.pagePath(w.zoe, "sessions"))
	if res.doc.Find(`form[action$="/sessions/end"] button`).Length() != 1 {
		t.Fatal("the admin is not offered Sign out everywhere")
	}
	res = admin.post(end, url.Values{}, htmx("user-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(ptext(res, ".notice"), "Signed out everywhere") || strings.Contains(strings.ToLower(res.body), "<html") {
		t.Errorf("answer: %s", snippet(res.body))
	}
	if !strings.Contains(ptext(res, "#up16-panel"), "Not signed in anywhere") {
		t.Errorf("the tab still lists sessions: %s", ptext(res, "#up16-panel"))
	}
	if n, _ := w.st.SessionCount(ctx, w.zoe.ID); n != 0 {
		t.Errorf("%d sessions left", n)
	}
	if res := w.zoeBrowser.get("/users"); !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
		t.Errorf("zoe's next request: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}
	ev, err := w.st.AuditEvents(ctx, w.tenant.ID, store.AuditFilter{Action: string(store.ActionUserSessionsEnd)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 1 || ev[0].ActorID != w.admin.ID || ev[0].TargetID != w.zoe.ID || ev[0].Details["sessions_ended"] != float64(1) {
		t.Fatalf("audit %+v", ev)
	}
	// The history tab says it in words.
	res = admin.get(w.pagePath(w.zoe, "history"))
	if !strings.Contains(ptext(res, "#event-"+itoa(ev[0].ID)), "Signed Zoë Smith out everywhere") {
		t.Errorf("history row %q", ptext(res, "#event-"+itoa(ev[0].ID)))
	}
	// One's own sessions end from My account, not here.
	res = admin.post("/users/"+id(w.admin)+"/sessions/end", nil)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(ptext(res, `[role="alert"]`), "My account") {
		t.Errorf("self: %q", ptext(res, `[role="alert"]`))
	}
}
