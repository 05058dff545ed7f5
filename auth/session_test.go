package auth_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
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
	e := &sessionEnv{path: filepath.Join(t.TempDir(), "console.db"), now: time.Now()}
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

// rows reads the sessions table directly, as someone holding a copy of the database would.
func (e *sessionEnv) rows(t *testing.T) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+e.path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT id_hash || ' ' || account_id || ' ' || data FROM sessions`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestSessionStartStoresOnlyAHash(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	c := e.start(t, nil)

	if len(c.Value) != 43 {
		t.Errorf("cookie value %q has %d characters, want 43 (256 random bits)", c.Value, len(c.Value))
	}
	if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("cookie flags = %+v, want HttpOnly, Secure, SameSite=Lax, Path=/", c)
	}
	sum := sha256.Sum256([]byte(c.Value))
	rows := e.rows(t)
	if len(rows) != 1 {
		t.Fatalf("sessions table has %d rows, want 1", len(rows))
	}
	if !strings.HasPrefix(rows[0], hex.EncodeToString(sum[:])+" ") {
		t.Errorf("row %q does not start with the cookie's SHA-256", rows[0])
	}
	if strings.Contains(rows[0], c.Value) {
		t.Errorf("the raw session id is stored: %q", rows[0])
	}

	if other := e.start(t, nil); other.Value == c.Value {
		t.Error("two sign-ins got the same session id")
	}
}

func TestSessionNewLoadsTheAccount(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	c := e.start(t, nil)

	sess, err := e.load(c)
	if err != nil {
		t.Fatal(err)
	}
	if sess.IsNew || sess.ID != c.Value || sess.Values[auth.KeyAccount] != e.account.ID {
		t.Errorf("session = new %v, id %q, account %v; want the stored session of account %d",
			sess.IsNew, sess.ID, sess.Values[auth.KeyAccount], e.account.ID)
	}
	if a, ok := auth.LoadedAccount(sess); !ok || a.ID != e.account.ID || a.Email != "ann@example.test" {
		t.Errorf("LoadedAccount = %+v, %v", a, ok)
	}

	// Values saved on the session come back on the next request; the loaded
	// account is not written to the table.
	sess.Values["flash"] = "saved"
	rec := httptest.NewRecorder()
	if err := e.ss.Save(httptest.NewRequest(http.MethodPost, "/users", nil), rec, sess); err != nil {
		t.Fatal(err)
	}
	if rows := e.rows(t); len(rows) != 1 || !strings.Contains(rows[0], `"flash":"saved"`) || strings.Contains(rows[0], "ann@example.test") {
		t.Errorf("stored session = %q", rows)
	}
	again, err := e.load(c)
	if err != nil || again.Values["flash"] != "saved" {
		t.Errorf("reloaded flash = %v, %v", again.Values["flash"], err)
	}

	for name, c := range map[string]*http.Cookie{
		"no cookie":       nil,
		"unknown id":      {Name: auth.SessionName, Value: strings.Repeat("A", 43)},
		"malformed id":    {Name: auth.SessionName, Value: "short"},
		"the stored hash": {Name: auth.SessionName, Value: strings.Fields(e.rows(t)[0])[0]},
	} {
		sess, err := e.load(c)
		if err != nil || !sess.IsNew || sess.Values[auth.KeyAccount] != nil {
			t.Errorf("%s: session new %v, account %v, err %v; want a new empty session", name, sess.IsNew, sess.Values[auth.KeyAccount], err)
		}
	}
}

func TestSessionStartRotatesTheID(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	planted := e.start(t, nil)

	r := httptest.NewRequest(http.MethodPost, "/signin", nil)
	r.AddCookie(&http.Cookie{Name: planted.Name, Value: planted.Value})
	fresh := e.start(t, r)
	if fresh.Value == planted.Value {
		t.Fatal("sign-in kept the session id the browser came with")
	}
	if sess, err := e.load(planted); err != nil || !sess.IsNew {
		t.Errorf("old session still loads: new %v, err %v", sess.IsNew, err)
	}
	if n := e.sessionCount(t); n != 1 {
		t.Errorf("sessions = %d, want only the fresh one", n)
	}
}

func TestSessionIdleExpiry(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	c := e.start(t, nil)
	start := e.now

	e.now = start.Add(idle - time.Minute)
	if sess, err := e.load(c); err != nil || sess.IsNew {
		t.Fatalf("just under the idle timeout: new %v, err %v", sess.IsNew, err)
	}
	// That visit counted as activity, so the idle clock restarted.
	if a, _ := e.st.Account(context.Background(), e.tenant.ID, e.account.ID); a.LastActiveAt.Unix() != e.now.Unix() {
		t.Errorf("last active = %v, want %v", a.LastActiveAt, e.now)
	}
	e.now = e.now.Add(idle + time.Second)
	if _, err := e.load(c); !errors.Is(err, auth.ErrSessionExpired) {
		t.Fatalf("idle past the timeout: %v, want ErrSessionExpired", err)
	}
	if n := e.sessionCount(t); n != 0 {
		t.Errorf("expired session left %d rows", n)
	}
	if sess, err := e.load(c); err != nil || !sess.IsNew {
		t.Errorf("after expiry: new %v, err %v; want a new session", sess.IsNew, err)
	}
}

func TestSessionAbsoluteExpiry(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	c := e.start(t, nil)
	start := e.now

	// A busy user: a request every 25 minutes, never idle for long.
	for at := 25 * time.Minute; at < absolute; at += 25 * time.Minute {
		e.now = start.Add(at)
		if _, err := e.load(c); err != nil {
			t.Fatalf("at %v: %v", at, err)
		}
	}
	e.now = start.Add(absolute + time.Minute)
	if _, err := e.load(c); !errors.Is(err, auth.ErrSessionExpired) {
		t.Fatalf("past the absolute timeout: %v, want ErrSessionExpired", err)
	}
	if n := e.sessionCount(t); n != 0 {
		t.Errorf("expired session left %d rows", n)
	}
}

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
