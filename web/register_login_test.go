package web

import (
	"context"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestRegistrationLogin: the email, or its local part past 64 characters.
func TestRegistrationLogin(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 60) + "@example.test"
	for in, want := range map[string]string{
		"nina@x.test":   "nina@x.test",
		long:            strings.Repeat("a", 60),
		"o'neil@x.test": "o-neil@x.test",
	} {
		if got := registrationLogin(in); got != want {
			t.Errorf("registrationLogin(%q) = %q, want %q", in, got, want)
		}
	}
	if got := withSuffix(strings.Repeat("b", 64)); len(got) != 64 || !strings.HasPrefix(got, strings.Repeat("b", 57)+"-") {
		t.Errorf("withSuffix: %q", got)
	}
}

// TestRegisterLoginTaken: a login already taken by someone else gets a suffix.
func TestRegisterLoginTaken(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.openRegistration()
	n := store.NewAccount{Profile: store.Profile{FirstName: "Other", LastName: "Person", Email: "other@acme.test",
		Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "clash@x.test", Status: "active", AuthMethod: "password"}
	if _, err := env.st.CreateAccount(context.Background(), actorFor(env), n); err != nil {
		t.Fatal(err)
	}
	env.register(env.client(), "clash@x.test")
	a, ok := env.accountByEmail("clash@x.test")
	if !ok || !strings.HasPrefix(a.Login, "clash@x.test-") || len(a.Login) != len("clash@x.test-")+6 {
		t.Fatalf("account %+v", a)
	}
}
