package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// secondProcess is another console process on env's database: its own
// store, its own server, nothing shared with env but the database.
func secondProcess(t *testing.T, env *testEnv) *testEnv {
	t.Helper()
	st, err := store.Open(context.Background(), env.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := httptest.NewUnstartedServer(nil)
	e, h, err := New(st, Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://" + srv.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = e
	srv.Start()
	t.Cleanup(srv.Close)
	t.Cleanup(h.Wait)
	other := *env
	other.st, other.h, other.srv = st, h, srv
	return &other
}

// TestSignInThrottleSharedAcrossProcesses: five wrong passwords for one
// account, spread over two console processes behind a load balancer, and
// the next attempt gets 429 from either: the processes share one budget.
func TestSignInThrottleSharedAcrossProcesses(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	procs := []*testEnv{env, secondProcess(t, env)}
	for i := range 5 {
		res, _ := procs[i%2].client().signIn("admin@acme.test", "wrong password!", "")
		wantStatus(t, res, http.StatusUnauthorized)
	}
	for i, p := range procs {
		res, _ := p.client().signIn("admin@acme.test", testPassword, "")
		if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Errorf("process %d: status %d, Retry-After %q; want 429 with Retry-After", i, res.StatusCode, res.Header.Get("Retry-After"))
		}
	}
}

// TestAPIRateLimitSharedAcrossProcesses: an account's burst is spent
// whichever process serves its calls.
func TestAPIRateLimitSharedAcrossProcesses(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	clock := &fixedClock{t: time.Unix(1_800_000_000, 0)}
	procs := []*testEnv{env, secondProcess(t, env)}
	key, _ := env.keyFor(env.admin, time.Time{})
	for _, p := range procs {
		p.h.API().SetClock(clock.now)
	}
	for i := range 100 { // the default burst
		if r := procs[i%2].call(key, "GET", "/permissions", nil); r.status != http.StatusOK {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	for i, p := range procs {
		if r := p.call(key, "GET", "/permissions", nil); r.status != http.StatusTooManyRequests {
			t.Errorf("process %d: request past the burst got %d, want 429", i, r.status)
		}
	}
}
