package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// A new person may be given an end date as they are created, in the
// console's form and the API alike; a past or malformed date is refused
// beside its field and nobody is created.
func TestIssue17_CreateWithAnEndDate(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	c := env.signedIn(env.admin.Email)
	date := time.Now().AddDate(0, 6, 0).UTC().Format(time.DateOnly)
	person := func(login, expires string) url.Values {
		return url.Values{"login": {login}, "first_name": {"Temp"}, "last_name": {"Worker"}, "email": {login + "@acme.test"},
			"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"}, "auth_method": {"sso"},
			"status": {"active"}, "expires_at": {expires}}
	}
	if form := c.get("/users/new", htmx("sidebar")...); form.doc.Find("#expires_at[type=date]").Length() != 1 {
		t.Fatal("the new-user form has no end date field")
	}
	res := c.post("/users", person("temp", date), htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	a, err := env.st.AccountByLogin(ctx, env.tenant.ID, "temp")
	if want, _ := time.Parse(time.DateOnly, date); err != nil || !a.ExpiresAt.Equal(want) {
		t.Fatalf("temp ends %v (%v), want %s", a.ExpiresAt, err, date)
	}
	for name, v := range map[string]string{"past": "2001-01-01", "not a date": "31/01/2027"} {
		res := c.post("/users", person("late", v), htmx("sidebar")...)
		if res.StatusCode != http.StatusUnprocessableEntity || text(res.doc.Find("#expires_at-error")) == "" {
			t.Errorf("%s end date: %d %q, want 422 beside the field", name, res.StatusCode, text(res.doc.Find("#expires_at-error")))
		}
		if got := res.doc.Find("#expires_at").AttrOr("value", ""); got != v {
			t.Errorf("%s end date: the form kept %q, want %q", name, got, v)
		}
	}
	if _, err := env.st.AccountByLogin(ctx, env.tenant.ID, "late"); err == nil {
		t.Fatal("a refused end date created the person")
	}

	key, _ := env.keyFor(env.admin, time.Time{})
	at := time.Now().Add(96 * time.Hour).UTC().Truncate(time.Second)
	r := env.call(key, "POST", "/users", map[string]any{"login": "apitemp", "first_name": "Api", "last_name": "Temp",
		"email": "apitemp@acme.test", "auth": "sso", "expires_at": at.Format(time.RFC3339)})
	wantAPI(t, r, http.StatusCreated)
	if r.body["expires_at"] != at.Format(time.RFC3339) {
		t.Errorf("the API's new person ends %v, want %s", r.body["expires_at"], at.Format(time.RFC3339))
	}
	for name, v := range map[string]any{"past": "2001-01-01T00:00:00Z", "a number": 5, "empty": ""} {
		r := env.call(key, "POST", "/users", map[string]any{"login": "apilate", "first_name": "Api", "last_name": "Late",
			"email": "apilate@acme.test", "auth": "sso", "expires_at": v})
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("%s end date through the API: %d %s", name, r.status, r.raw)
		}
	}
	if _, err := env.st.AccountByLogin(ctx, env.tenant.ID, "apilate"); err == nil {
		t.Fatal("a refused end date created the person through the API")
	}
}
