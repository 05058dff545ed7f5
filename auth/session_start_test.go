package auth_test

import (
	"crypto/sha256"
	"encoding/hex"
	"github.com/console-dev/console/internal/testdb"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
)

// rows reads the sessions table directly, as someone holding a copy of the database would.
func (e *sessionEnv) rows(t *testing.T) []string {
	t.Helper()
	db := testdb.Open(t, e.path)
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
