package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
	"github.com/console-dev/console/web/mail"
	"github.com/console-dev/console/web/mail/smtptest"
)

// testEnv is a real server over a fresh SQLite file, with one tenant and its admin.
type testEnv struct {
	t      *testing.T
	st     *store.Store
	h      *Handler
	srv    *httptest.Server
	tenant store.Tenant
	admin  store.Account
	roles  map[string]int64
	smtp   *smtptest.Server // nil unless built by newMailEnv
	mailer *mail.Worker
	dbPath string // the database under st: a SQLite file or a PostgreSQL URL
}

const testPassword = "correct horse battery staple"

func newEnv(t *testing.T) *testEnv { return newEnvB(t, t, false) }

// newMailEnv is newEnv with an SMTP server in the test process: env.deliver()
// runs one delivery round, env.smtp holds what arrived.
func newMailEnv(t *testing.T) *testEnv { return newEnvB(t, t, true) }

// newEnvB builds the env for a test or a benchmark (tb), reporting through t.
func newEnvB(tb testing.TB, t *testing.T, withSMTP bool) *testEnv {
	tb.Helper()
	return newEnvWith(tb, t, withSMTP, nil)
}

// newEnvWith is newEnvB with a last say on the server's configuration.
func newEnvWith(tb testing.TB, t *testing.T, withSMTP bool, configure func(*Config)) *testEnv {
	tb.Helper()
	ctx := context.Background()
	dbPath := storetest.DB(tb)
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	srv := httptest.NewUnstartedServer(nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := Config{Log: log, BaseURL: "http://" + srv.Listener.Addr().String()}
	var smtpSrv *smtptest.Server
	if withSMTP {
		smtpSrv = smtptest.Start(tb)
		sender, err := mail.NewSMTP(smtpSrv.URL, "Console <console@acme.test>")
		if err != nil {
			tb.Fatal(err)
		}
		cfg.Mailer = mail.NewWorker(st, sender, log)
	}
	if configure != nil {
		configure(&cfg)
	}
	e, h, err := New(st, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	// Every request reports the messages it rendered that a catalog lacks
	// (keys built at run time escape the source scan); any fails the test.
	missing := &i18n.MissingKeys{}
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.ServeHTTP(w, r.WithContext(i18n.RecordMissing(r.Context(), missing)))
	})
	srv.Start()
	tb.Cleanup(srv.Close)
	tb.Cleanup(func() {
		h.Wait() // mail rendered after the answer
		if ids := missing.List(); len(ids) > 0 {
			tb.Errorf("pages rendered messages missing from the catalogs (lang:id), add them to views/locales: %s", strings.Join(ids, ", "))
		}
	})
	env := &testEnv{t: t, st: st, h: h, srv: srv, smtp: smtpSrv, mailer: cfg.Mailer, dbPath: dbPath}
	env.tenant, env.roles = env.newTenant("Acme", "acme")
	env.admin = env.user("admin@acme.test", "admin", "active")
	return env
}

// newTenant creates a root tenant with the built-in roles.
func (e *testEnv) newTenant(name, slug string) (store.Tenant, map[string]int64) {
	e.t.Helper()
	return e.customer(name, slug, 0)
}

// testHash is testPassword hashed once for the whole package: hashing is slow
// on purpose, and parallel tests share the result.
var testHash struct {
	once sync.Once
	hash string
	err  error
}

func (e *testEnv) passwordHash() string {
	e.t.Helper()
	testHash.once.Do(func() { testHash.hash, testHash.err = e.h.hasher.Hash(context.Background(), testPassword) })
	if testHash.err != nil {
		e.t.Fatal(testHash.err)
	}
	return testHash.hash
}

// user creates a password account in the env's tenant with the given built-in roles.
func (e *testEnv) user(email, userType, status string, roles ...string) store.Account {
	e.t.Helper()
	return e.userIn(e.tenant.ID, e.roles, email, userType, status, roles...)
}

func (e *testEnv) userIn(tenantID int64, roleIDs map[string]int64, email, userType, status string, roles ...string) store.Account {
	e.t.Helper()
	hash := e.passwordHash()
	local, _, _ := strings.Cut(email, "@")
	n := store.NewAccount{Profile: store.Profile{FirstName: strings.ToUpper(local[:1]) + local[1:], LastName: "Tester",
		Email: email, Language: "en", TimeZone: "UTC", Currency: "USD", UserType: userType},
		Login: local, Status: status, AuthMethod: "password", PasswordHash: hash}
	for _, r := range roles {
		n.RoleIDs = append(n.RoleIDs, roleIDs[r])
	}
	a, err := e.st.CreateAccount(context.Background(), store.Actor{TenantID: tenantID}, n)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// fixedClock is a movable clock for timeout tests.
type fixedClock struct{ t time.Time }

func (f *fixedClock) now() time.Time { return f.t }

func actorFor(e *testEnv) store.Actor {
	return store.Actor{TenantID: e.tenant.ID, AccountID: e.admin.ID, IP: "test"}
}

func profileOf(a store.Account, first, last string) store.Profile {
	return store.Profile{FirstName: first, LastName: last, Email: a.Email, Language: a.Language, TimeZone: a.TimeZone,
		Currency: a.Currency, UserType: a.UserType}
}

// deliver runs one delivery round of the outbox to the test SMTP server.
func (e *testEnv) deliver() int {
	e.t.Helper()
	e.h.Wait()
	n, err := e.mailer.Deliver(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// linkIn finds the first console link under path in an email's text body.
func (e *testEnv) linkIn(text, path string) string {
	e.t.Helper()
	i := strings.Index(text, e.srv.URL+path)
	if i < 0 {
		e.t.Fatalf("no %s link in:\n%s", path, text)
	}
	link := text[i:]
	if j := strings.IndexAny(link, " \r\n"); j >= 0 {
		link = link[:j]
	}
	return link
}

// directRoles are the roles an account of the env's tenant holds directly.
func (e *testEnv) directRoles(id int64) []int64 {
	e.t.Helper()
	held, err := e.st.AccountRoles(context.Background(), e.tenant.ID, []int64{id})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []int64
	for _, r := range held[id] {
		out = append(out, r.ID)
	}
	return out
}
