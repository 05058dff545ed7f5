package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// newUserForm is a create-user form; change fields with set.
func newUserForm(set map[string]string) url.Values {
	f := url.Values{"login": {"zoe"}, "first_name": {"Zoé"}, "last_name": {"Martin"},
		"email": {"zoe@acme.test"}, "language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"},
		"user_type": {"standard"}, "auth_method": {"password"}, "status": {"active"}, "password": {""}}
	for k, v := range set {
		f.Set(k, v)
	}
	return f
}

// TestIssue16_Forms_CreateUserReportsEveryError (defect 14): one submit with
// an email of a bad format and a login already taken reports both; a
// duplicate email is reported with the other errors too; the typed password
// comes back; the first invalid field gets focus.
func TestIssue16_Forms_CreateUserReportsEveryError(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("taken@acme.test", "standard", "active") // login "taken"
	admin := env.signedIn(env.admin.Email)

	res := admin.post("/users", newUserForm(map[string]string{"login": "taken", "email": "not-an-email",
		"password": "my typed secret passphrase"}), htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	for _, f := range []string{"login", "email"} {
		if res.doc.Find("#"+f+"-error").Length() == 0 || res.doc.Find("#"+f).AttrOr("aria-invalid", "") != "true" {
			t.Errorf("%s: no error in the same pass: %s", f, snippet(res.body))
		}
	}
	if v := res.doc.Find("#password").AttrOr("value", ""); v != "my typed secret passphrase" {
		t.Errorf("the typed password was cleared: %q", v)
	}
	if _, ok := res.doc.Find("#login").Attr("autofocus"); !ok {
		t.Error("the first invalid field (login) has no focus")
	}
	if _, ok := res.doc.Find("#email").Attr("autofocus"); ok {
		t.Error("a later invalid field has focus too")
	}
	if !strings.Contains(res.doc.Find("#password-hint").Text(), "Leave empty to email an activation link") {
		t.Errorf("no hint that an empty password mails an activation link: %q", res.doc.Find("#password-hint").Text())
	}

	// Duplicate email and duplicate login, both at once.
	res = admin.post("/users", newUserForm(map[string]string{"login": "taken", "email": "TAKEN@acme.test"}), htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#login-error").Text(), "already taken") ||
		!strings.Contains(res.doc.Find("#email-error").Text(), "already used") {
		t.Errorf("duplicate login and email not both reported: login %q email %q",
			res.doc.Find("#login-error").Text(), res.doc.Find("#email-error").Text())
	}
}

// TestIssue16_Forms_LongNameRefusedNotCut (defect 14): the name fields have
// no maxlength that cuts silently; 130 characters come back with "at most".
func TestIssue16_Forms_LongNameRefusedNotCut(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	admin := env.signedIn(env.admin.Email)
	form := admin.get("/users/new", htmx("sidebar")...)
	wantStatus(t, form, http.StatusOK)
	for _, f := range []string{"login", "first_name", "last_name", "email", "password", "time_zone", "currency"} {
		if _, ok := form.doc.Find("#" + f).Attr("maxlength"); ok {
			t.Errorf("%s cuts what is typed with maxlength", f)
		}
	}
	long := strings.Repeat("a", 130)
	res := admin.post("/users", newUserForm(map[string]string{"first_name": long}), htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := res.doc.Find("#first_name-error").Text(); !strings.Contains(msg, "100") {
		t.Errorf("a 130-character name: %q, want an at-most-100 error", msg)
	}
	if v := res.doc.Find("#first_name").AttrOr("value", ""); v != long {
		t.Errorf("the long name was not kept to correct: %d characters", len(v))
	}
}

// TestIssue16_Forms_APIListsEveryFieldError (defect 14): the API's problem
// lists a bad email and a taken login together.
func TestIssue16_Forms_APIListsEveryFieldError(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("taken@acme.test", "standard", "active")
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	r := env.call(key, "POST", "/users", map[string]any{"login": "taken", "first_name": "Zoé", "last_name": "Martin",
		"email": "not-an-email", "user_type": "standard"})
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if f := fieldErrors(r); !f["login"] || !f["email"] {
		t.Errorf("field errors %v, want login and email: %s", f, snippet(r.raw))
	}
	r = env.call(key, "POST", "/users", map[string]any{"login": "taken", "first_name": "Zoé", "last_name": "Martin",
		"email": "taken@acme.test", "user_type": "standard"})
	wantAPI(t, r, http.StatusConflict) // only taken values: a conflict, naming both
	if f := fieldErrors(r); !f["login"] || !f["email"] {
		t.Errorf("duplicates: field errors %v, want login and email: %s", f, snippet(r.raw))
	}
}

// TestIssue16_Forms_SignedInSeesNoBackToSignIn (defect 17): the forgot
// password page offers "Back to sign-in" to a visitor, "Back to the
// console" to someone signed in.
func TestIssue16_Forms_SignedInSeesNoBackToSignIn(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	anon := env.client().get("/password/forgot")
	wantStatus(t, anon, http.StatusOK)
	if !strings.Contains(anon.body, "Back to sign-in") {
		t.Errorf("a visitor has no way back to sign-in")
	}
	in := env.signedIn(env.admin.Email).get("/password/forgot")
	wantStatus(t, in, http.StatusOK)
	if strings.Contains(in.body, "Back to sign-in") || !strings.Contains(in.body, "Back to the console") {
		t.Errorf("signed in: %s", snippet(in.doc.Find(".aside").Text()))
	}
}

// TestIssue16_Forms_ViewerSeesWhyReadOnly (defect 17): someone who may view
// people but not manage them is told why the form is greyed; a manager is not.
func TestIssue16_Forms_ViewerSeesWhyReadOnly(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	target := env.user("bob@acme.test", "standard", "active")
	env.user("aud@acme.test", "standard", "active", "auditor")
	res := env.signedIn("aud@acme.test").get("/users/"+id(target)+"/edit", htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if why := res.doc.Find(".readonly-why").Text(); !strings.Contains(why, "Manage users") {
		t.Errorf("a viewer is not told why the form is read-only: %q", why)
	}
	res = env.signedIn(env.admin.Email).get("/users/"+id(target)+"/edit", htmx("sidebar")...)
	if res.doc.Find(".readonly-why").Length() != 0 {
		t.Error("a manager is told the form is read-only")
	}
}

// TestIssue16_Forms_ShareLinksHaveCopy (defect 17): Settings' share links
// each have a Copy button on the existing data-copy mechanism.
func TestIssue16_Forms_ShareLinksHaveCopy(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	admin := env.signedIn(env.admin.Email)
	wantStatus(t, admin.post("/settings", url.Values{"self_registration": {"1"}, "invite_days": {"7"},
		"time_zone": {"UTC"}, "currency": {"USD"}, "registration_notify": {"admins"}}), http.StatusSeeOther)
	page := admin.get("/settings")
	for _, target := range []string{"register-link", "signin-link"} {
		if page.doc.Find(`button[data-copy="`+target+`"]`).Length() != 1 {
			t.Errorf("no Copy button for #%s", target)
		}
	}
}
