package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRegisterBadInput: each bad field is said beside it; nothing is created.
func TestRegisterBadInput(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.openRegistration()
	c := env.client()
	c.get("/register/acme")
	long := strings.Repeat("é", 101)
	cases := []struct {
		name, field string
		form        url.Values
		says        string
	}{
		{"empty first name", "first_name", regForm(" ", "B", "a@x.test"), "required"},
		{"empty last name", "last_name", regForm("A", "", "a@x.test"), "required"},
		{"too long name", "first_name", regForm(long, "B", "a@x.test"), "at most 100"},
		{"control character", "last_name", regForm("A", "B\u202e", "a@x.test"), "characters"},
		{"bad email", "email", regForm("A", "B", "not-an-email"), "valid email"},
		{"email with a name", "email", regForm("A", "B", "Bob <bob@x.test>"), "valid email"},
		{"empty email", "email", regForm("A", "B", ""), "required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.post("/register/acme", tc.form)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			msg := res.doc.Find("#" + tc.field + "-error").Text()
			if !strings.Contains(msg, tc.says) {
				t.Fatalf("%s error %q, want %q", tc.field, msg, tc.says)
			}
			if res.doc.Find(`input[type="password"]`).Length() != 0 {
				t.Fatal("the registration form asks for a password")
			}
		})
	}
	noCSRF := regForm("A", "B", "a@x.test")
	noCSRF.Set("_csrf", "")
	wantStatus(t, c.post("/register/acme", noCSRF), http.StatusForbidden)
	if n, _ := env.st.AuditCount(context.Background(), "user.register"); n != 0 {
		t.Fatalf("%d registrations went through", n)
	}
}
