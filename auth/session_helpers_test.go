package auth_test

import (
	"github.com/console-dev/console/store/storetest"

	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gorilla/sessions"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

const (
	idle     = 30 * time.Minute
	absolute = 2 * time.Hour
)

// sessionEnv is a session store over a real database with one signed-up account.
type sessionEnv struct {
	path    string
	st      *store.Store
	ss      *auth.SessionStore
	tenant  store.Tenant
	account store.Account
	now     time.Time // the session store's clock
}

func newSessionEnv(t *testing.T) *sessionEnv {
	t.Helper()
	ctx := context.Background()
	e := &sessionEnv{path: storetest.DB(t), now: time.Now()}
	var err error
	if e.st, err = store.Open(ctx, e.path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.st.Close() })
	if e.tenant, err = e.st.CreateTenant(ctx, "Acme", "acme", 0, auth.BuiltinRoles()); err != nil {
		t.Fatal(err)
	}
	e.account, err = e.st.CreateAccount(ctx, store.Actor{TenantID: e.tenant.ID}, store.NewAccount{
		Profile: store.Profile{FirstName: "Ann", LastName: "Tester", Email: "ann@example.test", Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: "admin"},
		Login: "ann", Status: "active", AuthMethod: "password"})
	if err != nil {
		t.Fatal(err)
	}
	e.ss = auth.NewSessionStore(e.st, true, idle, absolute)
	e.ss.SetClock(func() time.Time { return e.now })
	return e
}

// start signs the account in and returns the session cookie the browser got.
func (e *sessionEnv) start(t *testing.T, r *http.Request) *http.Cookie {
	t.Helper()
	if r == nil {
		r = httptest.NewRequest(http.MethodPost, "/signin", nil)
	}
	rec := httptest.NewRecorder()
	if _, err := e.ss.Start(r, rec, e.account.ID); err != nil {
		t.Fatal(err)
	}
	c := cookie(t, rec)
	if c == nil {
		t.Fatal("Start set no session cookie")
	}
	return c
}

func cookie(t *testing.T, rec *httptest.ResponseRecorder) *http.Cookie {
	t.Helper()
	for _, c := range rec.Result().Cookies() {
		if c.Name == auth.SessionName {
			return c
		}
	}
	return nil
}

// load is the next request of a browser holding c.
func (e *sessionEnv) load(c *http.Cookie) (*sessions.Session, error) {
	r := httptest.NewRequest(http.MethodGet, "/users", nil)
	if c != nil {
		r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	return e.ss.New(r, auth.SessionName)
}

func (e *sessionEnv) sessionCount(t *testing.T) int {
	t.Helper()
	n, err := e.st.SessionCount(context.Background(), e.account.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
