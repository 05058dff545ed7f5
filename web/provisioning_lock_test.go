package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

const managedMsg = "Managed by your identity provider"

// TestLockInTheConsole: in external mode a person the identity provider
// (here Entra ID's token) created carries the SCIM badge, has no
// Deactivate in the table or the sidebar, shows a banner and its names,
// email, language and time zone read-only while type and currency stay
// editable; Create user and Invite user are gone. A forged POST is refused
// with the lock's message, never a 500. Back in Console mode all returns.
func TestLockInTheConsole(t *testing.T) {
	t.Parallel()
	env := newProvEnv(newEnv(t))
	zoe := env.scimUser("zoe", "Zoë")
	bob := env.user("bob@acme.test", "standard", "active", "member") // made before the switch: not the provider's
	admin := env.signedIn("admin@acme.test")

	users := admin.get("/users")
	wantStatus(t, users, http.StatusOK)
	zrow := users.doc.Find("#user-" + id(zoe))
	if badge := zrow.Find(".scim-badge"); badge.Length() != 1 || badge.AttrOr("aria-label", "") != managedMsg || badge.AttrOr("title", "") != managedMsg {
		t.Fatalf("the provider's person has no SCIM badge: %q", zrow.Text())
	}
	if zrow.Find("details.row-menu").Length() != 0 {
		t.Fatal("the provider's person has a ⋯ menu of actions in the table")
	}
	brow := users.doc.Find("#user-" + id(bob))
	if brow.Find(".scim-badge").Length() != 0 || brow.Find("details.row-menu").Length() != 1 {
		t.Fatal("a console person is marked or locked")
	}
	if menu := admin.get("/users/"+id(zoe)+"/menu", "HX-Request", "true"); menu.doc.Find(`[role="menuitem"]`).Length() != 0 {
		t.Fatalf("the provider's person's menu, asked for anyway, offers %q", menu.doc.Text())
	}
	if users.doc.Find(`a[href="`+tp("/users/new")+`"], a[href="`+tp("/users/invite")+`"]`).Length() != 0 {
		t.Fatal("Create user / Invite user offered in external mode")
	}
	if !strings.Contains(users.doc.Find("#people-from-idp").Text(), "People come from your identity provider") {
		t.Fatal("the users page does not say where people come from")
	}

	side := admin.get("/users/"+id(zoe)+"/edit", htmx("sidebar")...)
	wantStatus(t, side, http.StatusOK)
	if !strings.Contains(side.doc.Find("#user-managed-banner").Text(), managedMsg) {
		t.Fatal("no banner in the sidebar")
	}
	for _, f := range []string{"first_name", "last_name", "email", "time_zone"} {
		if _, ro := side.doc.Find("#" + f).Attr("readonly"); !ro {
			t.Errorf("%s is editable", f)
		}
	}
	if _, off := side.doc.Find("#language").Attr("disabled"); !off {
		t.Error("language is editable")
	}
	if _, ro := side.doc.Find("#currency").Attr("readonly"); ro {
		t.Error("currency is locked: it stays the console's")
	}
	if _, off := side.doc.Find("#user_type").Attr("disabled"); off || side.doc.Find("#role-toggles").Length() != 1 {
		t.Error("type or roles are locked: they stay the console's")
	}
	if side.doc.Find("#sidebar-status").Length() != 0 || strings.Contains(side.body, "/deactivate") {
		t.Fatal("the sidebar offers Deactivate for the provider's person")
	}
	if !strings.Contains(side.doc.Find("#user-origin").Text(), "identity provider") {
		t.Error("the sidebar does not say the provider created the account")
	}

	// What the console still changes: the currency, as the form posts it.
	form := url.Values{"first_name": {zoe.FirstName}, "last_name": {zoe.LastName}, "email": {zoe.Email},
		"language": {zoe.Language}, "time_zone": {zoe.TimeZone}, "currency": {"EUR"}, "user_type": {"standard"}}
	wantStatus(t, admin.post("/users/"+id(zoe), form, htmx("sidebar")...), http.StatusOK)
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, zoe.ID); a.Currency != "EUR" {
		t.Fatalf("the currency did not save: %q", a.Currency)
	}
	// Forged changes of what the provider keeps.
	form.Set("first_name", "Renamed")
	for _, tc := range []struct {
		name, path string
		form       url.Values
		headers    []string
		want       int
	}{
		{"rename, htmx", "/users/" + id(zoe), form, htmx("sidebar"), http.StatusUnprocessableEntity},
		{"rename, plain form", "/users/" + id(zoe), form, nil, http.StatusUnprocessableEntity},
		{"deactivate from the table", "/users/" + id(zoe) + "/deactivate", nil, htmx("user-" + id(zoe)), http.StatusConflict},
		{"deactivate from the sidebar", "/users/" + id(zoe) + "/deactivate", nil, htmx("sidebar"), http.StatusUnprocessableEntity},
		{"create a person", "/users", url.Values{"login": {"neo"}, "first_name": {"Neo"}, "last_name": {"N"}, "email": {"neo@acme.test"},
			"password": {testPassword}, "status": {"active"}, "user_type": {"standard"}, "language": {"en"}, "currency": {"USD"}, "auth_method": {"password"}},
			htmx("sidebar"), http.StatusConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.post(tc.path, tc.form, tc.headers...)
			wantStatus(t, res, tc.want)
			text := res.body
			if res.Header.Get("HX-Trigger") != "" {
				text += res.Header.Get("HX-Trigger")
			}
			if !strings.Contains(text, "identity provider") {
				t.Fatalf("the refusal does not say why:\n%s", snippet(text))
			}
		})
	}
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, zoe.ID); a.FirstName != "Zoë" || a.Status != "active" {
		t.Fatalf("a refused change happened: %+v", a)
	}
	if _, err := env.st.AccountByEmail(context.Background(), env.tenant.ID, "neo@acme.test"); err == nil {
		t.Fatal("a person was created in external mode")
	}

	// Back to Console: unlocked.
	env.setMode(store.ProvisioningConsole)
	users = admin.get("/users")
	if users.doc.Find("#user-"+id(zoe)+" .scim-badge").Length() != 0 || users.doc.Find("#user-"+id(zoe)+" details.row-menu").Length() != 1 {
		t.Fatal("console mode still locks the provider's person")
	}
	if users.doc.Find(`a[href="`+tp("/users/new")+`"]`).Length() != 1 {
		t.Fatal("Create user is not back")
	}
	side = admin.get("/users/"+id(zoe)+"/edit", htmx("sidebar")...)
	if _, ro := side.doc.Find("#first_name").Attr("readonly"); ro || side.doc.Find("#user-managed-banner").Length() != 0 {
		t.Fatal("the sidebar stays locked in console mode")
	}
}

// TestLockGroupInTheConsole: a group Okta pushed (SCIM POST /Groups) has
// the banner on its page, no rename, delete or member removal, and is not
// offered as a target on the Users & Groups page; its roles stay the
// console's. A forged rename is refused with the lock's message.
func TestLockGroupInTheConsole(t *testing.T) {
	t.Parallel()
	env := newProvEnv(newEnv(t))
	zoe := env.scimUser("zoe", "Zoë")
	g := env.scimGroup("Engineering", zoe.ID)
	admin := env.signedIn("admin@acme.test")
	page := admin.get("/groups/" + itoa(g.ID))
	wantStatus(t, page, http.StatusOK)
	if !strings.Contains(page.doc.Find("#group-managed-banner").Text(), managedMsg) {
		t.Fatal("no banner on the group page")
	}
	if page.doc.Find("#group-save, #group-delete, #members-remove, #members-form").Length() != 0 {
		t.Fatal("the group page offers rename, delete or member removal")
	}
	if _, off := page.doc.Find("#role-toggles fieldset, #group-role-toggles fieldset").Attr("disabled"); off {
		t.Fatal("the group's roles are locked")
	}
	list := admin.get("/groups")
	if list.doc.Find("#ug-group-"+itoa(g.ID)).Length() != 0 || list.doc.Find("#ug-row-"+itoa(g.ID)+" .scim-badge").Length() != 1 {
		t.Fatal("the provider's group is offered as a target for members, or not marked")
	}
	res := admin.post("/groups/"+itoa(g.ID), url.Values{"name": {"Renamed"}, "description": {""}})
	if res.StatusCode == http.StatusInternalServerError || res.StatusCode < 400 || !strings.Contains(res.body, "identity provider") {
		t.Fatalf("forged rename: %d\n%s", res.StatusCode, snippet(res.body))
	}
	res = admin.post("/groups/"+itoa(g.ID)+"/members/remove", url.Values{"account_id": {id(zoe)}})
	if res.StatusCode == http.StatusInternalServerError || res.StatusCode < 400 || !strings.Contains(res.body, "identity provider") {
		t.Fatalf("forged member removal: %d\n%s", res.StatusCode, snippet(res.body))
	}
	if got, _ := env.st.Group(context.Background(), env.tenant.ID, g.ID); got.Name != "Engineering" || got.Members != 1 {
		t.Fatalf("a refused change happened: %+v", got)
	}
}

// TestLockInTheAPI: the REST API answers the lock as 409 problem+json with
// the detail, for people and groups the provider manages; roles stay.
func TestLockInTheAPI(t *testing.T) {
	t.Parallel()
	env := newProvEnv(newEnv(t))
	zoe := env.scimUser("zoe", "Zoë")
	g := env.scimGroup("Engineering", zoe.ID)
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	for _, tc := range []struct {
		name, method, path string
		body               any
		detail             string
	}{
		{"rename a person", http.MethodPatch, "/users/" + id(zoe), map[string]any{"first_name": "Renamed"}, managedMsg},
		{"deactivate a person", http.MethodPost, "/users/" + id(zoe) + "/deactivate", nil, managedMsg},
		{"rename a group", http.MethodPatch, "/groups/" + itoa(g.ID), map[string]any{"name": "Renamed"}, managedMsg},
		{"remove a member", http.MethodDelete, "/groups/" + itoa(g.ID) + "/members/" + id(zoe), nil, managedMsg},
		{"create a person", http.MethodPost, "/users", map[string]any{"login": "neo", "first_name": "Neo", "last_name": "N",
			"email": "neo@acme.test", "password": testPassword}, "People come from your identity provider"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := env.call(key, tc.method, tc.path, tc.body)
			wantAPI(t, r, http.StatusConflict)
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Fatalf("content type %q", ct)
			}
			if d, _ := r.body["detail"].(string); !strings.Contains(d, tc.detail) {
				t.Fatalf("detail %q, want %q", d, tc.detail)
			}
		})
	}
	// Roles stay the console's; the API says who manages the person.
	r := env.call(key, http.MethodPut, "/users/"+id(zoe)+"/roles", map[string]any{"role_ids": []int64{env.roles["member"]}})
	wantAPI(t, r, http.StatusOK)
	for who, want := range map[int64]bool{zoe.ID: true, env.admin.ID: false} {
		r := env.call(key, http.MethodGet, "/users/"+itoa(who), nil)
		wantAPI(t, r, http.StatusOK)
		if got, _ := r.body["provisioned"].(bool); got != want {
			t.Fatalf("user %d: provisioned %v, want %v", who, r.body["provisioned"], want)
		}
	}
}

// TestSignInClosedInExternalMode: the sign-in page of a tenant that takes
// registrations stops offering "Create an account" in external mode, and
// the registration page is gone (the operations close it too).
func TestSignInClosedInExternalMode(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.openRegistration()
	c := env.client()
	if c.get("/signin?tenant=acme").doc.Find(`a[href^="/register/"]`).Length() != 1 {
		t.Fatal("console mode does not offer registration")
	}
	env.setMode(store.ProvisioningExternal)
	if c.get("/signin?tenant=acme").doc.Find(`a[href^="/register/"]`).Length() != 0 {
		t.Fatal("external mode offers Create an account")
	}
	wantStatus(t, c.get("/register/acme"), http.StatusNotFound)
}
