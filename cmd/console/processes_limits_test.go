package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTwoProcessesShareTheSignInThrottle: five wrong passwords for one
// account, spread over two console processes on one database, and the
// right password then gets 429 from both: a load balancer in front of N
// processes gives an attacker no more guesses than one process would.
func TestTwoProcessesShareTheSignInThrottle(t *testing.T) {
	t.Parallel()
	db := sharedDB(t)
	env := []string{"CONSOLE_SECRET_KEY=" + strings.Repeat("5e", 32), "CONSOLE_CSRF_KEY="}
	out := runConsole(t, env, "admin", "--db", db, "--email", "admin@example.test")
	m := printedPassword.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no password printed: %s", out)
	}
	procs := []*process{startConsole(t, db, env...), startConsole(t, db, env...)}
	for i := range 5 {
		p := procs[i%2]
		code := newBrowser(t).post(p.url+"/signin", p.url+"/signin", url.Values{"email": {"admin@example.test"}, "password": {"wrong password!"}})
		if code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i+1, code)
		}
	}
	for _, p := range procs {
		code := newBrowser(t).post(p.url+"/signin", p.url+"/signin", url.Values{"email": {"admin@example.test"}, "password": {m[1]}})
		if code != http.StatusTooManyRequests {
			t.Errorf("right password on %s after five wrong ones across both: %d, want 429", p.url, code)
		}
	}
	// Both processes started together: one of them, not both, purged the
	// audit log at start (the other found the hour's lease taken).
	ran := func() int {
		n := 0
		for _, p := range procs {
			n += strings.Count(p.out.String(), `"msg":"periodic job ran","job":"audit-retention"`)
		}
		return n
	}
	deadline := time.Now().Add(30 * time.Second)
	for ran() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond) // waits on another process's log, not on the clock of a rule
	}
	if n := ran(); n != 1 {
		t.Errorf("the audit purge ran %d times across two processes starting together, want 1", n)
	}
}
