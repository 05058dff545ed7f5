package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

func TestCreateGroup(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.group("Sales")
	c := env.signedIn("admin@acme.test")
	bad := []struct{ name, field, value, message string }{
		{"empty name", "name", "   ", "required"},
		{"name of 101 characters", "name", strings.Repeat("é", 101), "at most 100"},
		{"duplicate in another case", "name", "sALES", "already exists"},
		{"name with a line break", "name", "Two\nlines", "line breaks"},
		{"description of 301 characters", "description", strings.Repeat("d", 301), "at most 300"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			form := url.Values{"name": {"Support"}, "description": {""}}
			form.Set(tc.field, tc.value)
			res := c.post("/groups", form, htmx("ug-new-group")...)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			msg := text(res.doc.Find("#ug-new-" + tc.field + "-error"))
			if !strings.Contains(msg, tc.message) {
				t.Fatalf("%s error %q, want %q\n%s", tc.field, msg, tc.message, snippet(res.body))
			}
			if res.doc.Find(`#ug-new-`+tc.field+`[aria-invalid="true"]`).Length() != 1 {
				t.Fatal("the field is not marked invalid")
			}
			if gs, _ := env.st.Groups(context.Background(), env.tenant.ID, "", "", 0, 10); len(gs) != 1 {
				t.Fatalf("a refused form left %d groups", len(gs))
			}
		})
	}
	long := strings.Repeat("é", 100)
	res := c.post("/groups", url.Values{"name": {long}, "description": {"Line one\r\nline two"}},
		append(htmx("ug-new-group"), "HX-Current-URL", env.srv.URL+"/groups")...)
	wantStatus(t, res, http.StatusOK)
	gs, _ := env.st.Groups(context.Background(), env.tenant.ID, long, "", 0, 10)
	if len(gs) != 1 || gs[0].Description != "Line one\nline two" {
		t.Fatalf("created %+v", gs)
	}
	if _, ok := res.doc.Find(fmt.Sprintf(`#ug-groups[hx-swap-oob] #ug-group-%d`, gs[0].ID)).Attr("checked"); !ok {
		t.Fatalf("the new group is not listed and selected:\n%s", snippet(res.body))
	}
	if !strings.Contains(text(res.doc.Find("#ug-status")), "created") || res.doc.Find("#ug-new-name").AttrOr("value", "") != "" {
		t.Fatal("no confirmation, or the form was not emptied")
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "group.create", TargetType: "group", TargetID: gs[0].ID})
	if len(ev) != 1 || ev[0].ActorID != env.admin.ID {
		t.Fatalf("create not audited: %+v", ev)
	}
	// A plain form goes to the new group's page.
	res = c.post("/groups", url.Values{"name": {"Plain"}})
	wantStatus(t, res, http.StatusSeeOther)
	page := c.get(res.Header.Get("Location"))
	if !strings.Contains(text(page.doc.Find("[role=status]")), "Group Plain created") {
		t.Fatalf("the group page does not confirm:\n%s", snippet(page.body))
	}
}

func TestRenameGroupShowsEverywhere(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	sales := env.group("Sales", "auditor")
	env.group("Support")
	bob := env.user("bob@acme.test", "standard", "active")
	if _, err := env.st.AddMembers(ctx, actorFor(env), sales.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	path := fmt.Sprintf("/groups/%d", sales.ID)
	res := c.post(path, url.Values{"name": {"SUPPORT"}, "description": {""}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Find("#group-name-error")), "already exists") {
		t.Fatalf("duplicate name not explained beside the field:\n%s", snippet(res.body))
	}
	res = c.post(path, url.Values{"name": {""}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	res = c.post(path, url.Values{"name": {"Ventes Île-de-France"}, "description": {"Le Nord"}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(text(res.doc.Find("h1")), "Ventes Île-de-France") || !strings.Contains(text(res.doc.Find("[role=status]")), "saved") {
		t.Fatalf("the page does not show the new name:\n%s", snippet(res.body))
	}
	// Everywhere: the groups panel, the page, and where a member's roles come from.
	if !strings.Contains(text(c.get("/groups").doc.Find("#ug-groups")), "Ventes Île-de-France") {
		t.Fatal("the groups panel shows the old name")
	}
	held, _ := env.st.HeldRoles(ctx, env.tenant.ID, bob.ID)
	if len(held) != 1 || held[0].GroupName != "Ventes Île-de-France" {
		t.Fatalf("held roles: %+v", held)
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.update"})
	if len(ev) != 1 || !strings.Contains(fmt.Sprint(ev[0].Details), "Sales") {
		t.Fatalf("rename audit: %+v", ev)
	}
	// Without htmx, a save redirects back to the page.
	wantStatus(t, c.post(path, url.Values{"name": {"Ventes"}}), http.StatusSeeOther)
}

func TestDeleteGroupAfterMembersRemoved(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	sales := env.group("Sales")
	ids := env.seedUsers("Held", 12)
	if _, err := env.st.AddMembers(ctx, actorFor(env), sales.ID, ids); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	del := fmt.Sprintf("/groups/%d/delete", sales.ID)
	res := c.post(del, nil, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := text(res.doc.Find("#group-delete-question")); !strings.Contains(msg, "Delete Sales? Its 12 members lose the access it gives") {
		t.Fatalf("the unconfirmed delete does not name the count: %q", msg)
	}
	if env.members(sales) != 12 {
		t.Fatal("a refused delete changed the group")
	}
	// Remove them from the group's page, then delete.
	form := url.Values{}
	for _, id := range ids {
		form.Add("account_id", fmt.Sprint(id))
	}
	res = c.post(fmt.Sprintf("/groups/%d/members/remove", sales.ID), form, htmx("group-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(text(res.doc.Find("#group-page")), "12 users removed from Sales") {
		t.Fatalf("removal not confirmed:\n%s", snippet(res.body))
	}
	res = c.post(del, nil, htmx("group-page")...)
	if res.StatusCode != http.StatusNoContent || res.Header.Get("HX-Redirect") != tp("/groups?deleted=1") {
		t.Fatalf("delete: %d %q", res.StatusCode, res.Header.Get("HX-Redirect"))
	}
	if _, err := env.st.Group(ctx, env.tenant.ID, sales.ID); err == nil {
		t.Fatal("the group is still there")
	}
	if !strings.Contains(text(c.get("/groups?deleted=1").doc.Find("#ug-status")), "Group deleted") {
		t.Fatal("the deletion is not confirmed")
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.delete"})
	if len(ev) != 1 {
		t.Fatal("delete not audited")
	}
	wantStatus(t, c.get(fmt.Sprintf("/groups/%d", sales.ID)), http.StatusNotFound)
}
