package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func dormancyPost(on bool, warn, deactivate, reminder string) url.Values {
	v := url.Values{"warn_days": {warn}, "deactivate_days": {deactivate}, "reminder_days": {reminder}, "exempt_admins": {"1"},
		"exempt_services": {"1"}}
	if on {
		v.Set("on", "1")
	}
	return v
}

// TestDormancySettingsForm: the policy saves, audited; every bad input is
// said beside its field and nothing is saved; CSRF and permission hold.
func TestDormancySettingsForm(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	admin := env.signedIn("admin@acme.test")
	page := admin.get("/settings/dormancy")
	wantStatus(t, page, http.StatusOK)
	if _, on := page.doc.Find("#dormancy_on").Attr("checked"); on {
		t.Fatal("the policy is on by default")
	}
	if page.doc.Find("#preview-warn").Length() != 1 || page.doc.Find("#preview-warn").Length() != 1 {
		t.Fatal("no preview on the page")
	}
	saved, _ := env.st.Policy(ctx, env.tenant.ID)
	for name, c := range map[string]struct {
		form  url.Values
		field string
		says  string
	}{
		"deactivate not after warn": {dormancyPost(true, "30", "30", "7"), "deactivate_days", "later than the warning"},
		"deactivate before warn":    {dormancyPost(true, "30", "10", "7"), "deactivate_days", "later than the warning"},
		"not a number":              {dormancyPost(true, "thirty", "60", "7"), "warn_days", "whole number"},
		"too large":                 {dormancyPost(true, "30", "99999", "7"), "deactivate_days", "from 1 to 3650"},
		"zero":                      {dormancyPost(true, "0", "60", "7"), "warn_days", "from 1 to 3650"},
		"reminder too far":          {dormancyPost(true, "30", "60", "400"), "reminder_days", "0 (no reminders) to 90"},
		"empty":                     {dormancyPost(true, "", "60", "7"), "warn_days", "whole number"},
	} {
		res := admin.post("/settings/dormancy", c.form)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if msg := res.doc.Find("#" + c.field + "-error").Text(); !strings.Contains(msg, c.says) {
			t.Errorf("%s: %s says %q, want %q", name, c.field, msg, c.says)
		}
		if got, _ := env.st.Policy(ctx, env.tenant.ID); got != saved {
			t.Errorf("%s: saved %+v", name, got)
		}
	}
	noCSRF := dormancyPost(true, "30", "60", "7")
	noCSRF.Set("_csrf", "")
	wantStatus(t, admin.post("/settings/dormancy", noCSRF), http.StatusForbidden)
	env.user("member@acme.test", "standard", "active", "member")
	member := env.signedIn("member@acme.test")
	wantStatus(t, member.post("/settings/dormancy", dormancyPost(true, "30", "60", "7")), http.StatusForbidden)
	wantStatus(t, member.get("/settings/dormancy"), http.StatusForbidden)
	if got, _ := env.st.Policy(ctx, env.tenant.ID); got != saved {
		t.Fatalf("refused posts saved %+v", got)
	}

	res := admin.post("/settings/dormancy", dormancyPost(true, "30", "60", "5"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tp("/settings/dormancy?saved=1") {
		t.Fatalf("save: %d %q\n%s", res.StatusCode, res.Header.Get("Location"), snippet(res.body))
	}
	want := store.Policy{On: true, WarnDays: 30, DeactivateDays: 60, ExemptAdmins: true, ExemptServices: true, NoticeDays: 5}
	if got, _ := env.st.Policy(ctx, env.tenant.ID); got != want {
		t.Fatalf("saved %+v, want %+v", got, want)
	}
	if n, _ := env.st.AuditCount(ctx, store.ActionDormancyPolicy); n != 1 {
		t.Fatalf("dormancy.policy events: %d", n)
	}
	// An exemption by email; an unknown one is said beside the field.
	wantStatus(t, admin.post("/settings/dormancy/exempt", url.Values{"who": {"member@acme.test"}, "exempt": {"1"}}), http.StatusSeeOther)
	if !strings.Contains(admin.get("/settings/dormancy").doc.Find("#exempt-list").Text(), "member") {
		t.Fatal("the exempted person is not listed")
	}
	res = admin.post("/settings/dormancy/exempt", url.Values{"who": {"ghost@acme.test"}, "exempt": {"1"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if res.doc.Find("#exempt_who-error").Text() == "" {
		t.Fatal("no message for an unknown person")
	}
}

// Someone who holds tenant.settings but not users.view sees how many the
// policy would touch, not who; the exemption form (which says whether a
// login exists) is for users.manage, and a post of it is refused alike for
// a login that exists and one that does not.
func TestDormancySettingsWithoutPeopleAccess(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	id, err := env.st.CreateRole(ctx, actorFor(env), store.RoleSpec{Name: "Settings only", Permissions: []string{"tenant.settings"}})
	if err != nil {
		t.Fatal(err)
	}
	env.roles["settings_only"] = id
	env.user("settings@acme.test", "standard", "active", "settings_only")
	env.user("zoe.dormant@acme.test", "standard", "active")
	admin := env.signedIn("admin@acme.test")
	wantStatus(t, admin.post("/settings/dormancy", dormancyPost(true, "30", "60", "7")), http.StatusSeeOther)
	later := time.Now().AddDate(1, 0, 0)
	env.st.SetClock(func() time.Time { return later })

	page := admin.get("/settings/dormancy")
	if !strings.Contains(text(page.doc.Find("#preview-warn")), "zoe.dormant") {
		t.Fatalf("the admin's preview does not name zoe: %q", text(page.doc.Find("#preview-warn")))
	}
	c := env.signedIn("settings@acme.test")
	page = c.get("/settings/dormancy")
	wantStatus(t, page, http.StatusOK)
	warn := page.doc.Find("#preview-warn")
	if !strings.Contains(text(warn.Find(".count")), "(") || text(warn.Find(".count")) == "(0)" {
		t.Fatalf("the count is missing: %q", text(warn))
	}
	if strings.Contains(page.body, "zoe.dormant") || warn.Find("li").Length() != 0 {
		t.Fatalf("the preview names people to someone who may not view them:\n%s", snippet(text(warn)))
	}
	if page.doc.Find("#exempt_who").Length() != 0 || page.doc.Find("#dormancy-names-hidden").Length() != 1 {
		t.Fatal("the exemption form is offered, or the page does not say why names are missing")
	}
	for _, who := range []string{"zoe.dormant@acme.test", "nobody@acme.test"} {
		res := c.post("/settings/dormancy/exempt", url.Values{"who": {who}, "exempt": {"1"}})
		wantStatus(t, res, http.StatusForbidden)
	}
	if n, _ := env.st.AuditCount(ctx, store.ActionDormancyExempt); n != 0 {
		t.Fatalf("refused exemptions wrote %d events", n)
	}
}

// More people exempted than the page lists: it says how many more.
func TestDormancyExemptionsSayHowManyMore(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	for i := range 52 {
		a := env.user(fmt.Sprintf("ex%02d@acme.test", i), "standard", "active", "member")
		if err := env.st.SetDormancyExempt(ctx, actorFor(env), a.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	list := env.signedIn(env.admin.Email).get("/settings/dormancy").doc.Find("#exempt-list li")
	if list.Length() != 51 || text(list.Last()) != "and 2 more" {
		t.Fatalf("%d lines, the last %q; want 50 people and 'and 2 more'", list.Length(), text(list.Last()))
	}
}
