package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/console-dev/console/store"
)

func TestSessionEnd(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	c := e.start(t, nil)
	other := e.start(t, nil) // the same account on another device
	sess, err := e.load(c)
	if err != nil {
		t.Fatal(err)
	}

	rec := httptest.NewRecorder()
	if err := e.ss.End(httptest.NewRequest(http.MethodPost, "/signout", nil), rec, sess); err != nil {
		t.Fatal(err)
	}
	cleared := cookie(t, rec)
	if cleared == nil || cleared.MaxAge >= 0 || cleared.Value != "" {
		t.Errorf("sign-out cookie = %+v, want an empty value with MaxAge < 0", cleared)
	}
	if sess, err := e.load(c); err != nil || !sess.IsNew {
		t.Errorf("ended session still loads: new %v, err %v", sess.IsNew, err)
	}
	if n := e.sessionCount(t); n != 1 {
		t.Errorf("sessions = %d, want only the other device's", n)
	}
	if sess, err := e.load(other); err != nil || sess.IsNew {
		t.Errorf("the other device was signed out too: new %v, err %v", sess.IsNew, err)
	}
}

func TestDeactivationEndsSessionOnTheServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSessionEnv(t)
	roles := roleIDs(t, e.st, e.tenant.ID)
	bob, err := e.st.CreateAccount(ctx, store.Actor{TenantID: e.tenant.ID}, store.NewAccount{
		Profile: store.Profile{FirstName: "Bob", LastName: "Tester", Email: "bob@example.test", Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "bob", Status: "active", AuthMethod: "password", RoleIDs: []int64{roles["member"]}})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	if _, err := e.ss.Start(httptest.NewRequest(http.MethodPost, "/signin", nil), rec, bob.ID); err != nil {
		t.Fatal(err)
	}
	c := cookie(t, rec)
	if _, err := e.st.SetStatus(ctx, store.Actor{TenantID: e.tenant.ID, AccountID: e.account.ID}, bob.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	if sess, err := e.load(c); err != nil || !sess.IsNew {
		t.Errorf("a deactivated account's cookie still loads a session: new %v, err %v", sess.IsNew, err)
	}
}
