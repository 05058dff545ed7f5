package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store/storetest"
	"github.com/console-dev/console/web/mail/smtptest"
)

// asConsole makes the test binary the console itself, so that a test can run
// console processes of the code under test without building it.
const asConsole = "CONSOLE_TEST_RUN_AS_CONSOLE"

func TestMain(m *testing.M) {
	if os.Getenv(asConsole) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// process is one console serving on its own port.
type process struct {
	url  string
	cmd  *exec.Cmd
	out  *syncBuffer
	stop func() // ends it (SIGTERM) and waits; the test's end does it too
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// sharedDB is a PostgreSQL database for several console processes; the
// SQLite leg of the tests skips, the PostgreSQL leg (CONSOLE_TEST_DB) runs.
func sharedDB(t *testing.T) string {
	t.Helper()
	testdb.NeedPostgres(t)
	return storetest.DB(t)
}

// runConsole runs one console command of the code under test and returns
// what it printed.
func runConsole(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), asConsole+"=1"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("console %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// startConsole serves db on a free port until the test ends, and waits for
// it to be ready.
func startConsole(t *testing.T, db string, env ...string) *process {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := &process{url: "http://" + addr, out: &syncBuffer{}}
	p.cmd = exec.Command(os.Args[0], "serve", "--db", db, "--addr", addr, "--log-format", "json")
	p.cmd.Env = append(append(os.Environ(), asConsole+"=1"), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(exited) }()
	var once sync.Once
	p.stop = func() {
		once.Do(func() {
			_ = p.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(30 * time.Second):
				_ = p.cmd.Process.Kill()
				<-exited
			}
			if t.Failed() {
				t.Logf("console on %s said:\n%s", addr, p.out.String())
			}
		})
	}
	t.Cleanup(p.stop)
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(p.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-exited:
			t.Fatalf("console on %s stopped:\n%s", addr, p.out.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("console on %s not ready:\n%s", addr, p.out.String())
		}
	}
}

// browser is a visitor with cookies, who may talk to any of the processes.
type browser struct {
	t *testing.T
	c *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (b *browser) get(u string) (int, string) {
	b.t.Helper()
	res, err := b.c.Get(u)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// post sends a form with the CSRF token of the page at form (which may be
// served by another process than the one posted to).
func (b *browser) post(form, to string, v url.Values) int {
	b.t.Helper()
	_, page := b.get(form)
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		b.t.Fatalf("no CSRF field on %s", form)
	}
	v.Set("_csrf", m[1])
	req, _ := http.NewRequest(http.MethodPost, to, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

var printedPassword = regexp.MustCompile(`with password: (\S+)`)

// TestTwoProcesses: two console processes on one PostgreSQL database are one
// console. A session made on one is good on the other, and a form served by
// one posts to the other (no sticky sessions needed).
func TestTwoProcesses(t *testing.T) {
	t.Parallel()
	db := sharedDB(t)
	env := []string{"CONSOLE_SECRET_KEY=" + strings.Repeat("5e", 32), "CONSOLE_CSRF_KEY="}
	out := runConsole(t, env, "admin", "--db", db, "--email", "admin@example.test")
	m := printedPassword.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no password printed: %s", out)
	}
	a, b := startConsole(t, db, env...), startConsole(t, db, env...)

	ann := newBrowser(t)
	if code := ann.post(a.url+"/signin", b.url+"/signin", url.Values{"email": {"admin@example.test"}, "password": {m[1]}}); code != http.StatusSeeOther {
		t.Fatalf("sign-in on the second process with the first's form: %d, want 303", code)
	}
	for _, p := range []*process{a, b} {
		if code, page := ann.get(p.url + "/users"); code != http.StatusOK || !strings.Contains(page, "admin@example.test") {
			t.Fatalf("users page on %s: %d, want 200 listing the admin", p.url, code)
		}
	}
}

// TestTwoProcessesSendEachEmailOnce: two processes delivering the same
// queued emails (ten activations, queued through the API of both while no
// SMTP server was configured), one claiming while the other is in the middle
// of a send, send each email once.
func TestTwoProcessesSendEachEmailOnce(t *testing.T) {
	t.Parallel()
	db := sharedDB(t)
	env := []string{"CONSOLE_SECRET_KEY=" + strings.Repeat("5e", 32)}
	runConsole(t, env, "admin", "--db", db, "--email", "admin@example.test")
	lines := strings.Split(strings.TrimSpace(runConsole(t, env, "apikey", "create", "--db", db, "--email", "admin@example.test", "--name", "t")), "\n")
	key := lines[len(lines)-1]

	quiet := []*process{startConsole(t, db, env...), startConsole(t, db, env...)}
	const n = 10
	for i := range n {
		body := fmt.Sprintf(`{"login":"p%d","first_name":"P","last_name":"%d","email":"p%d@example.test"}`, i, i, i)
		req, _ := http.NewRequest(http.MethodPost, quiet[i%2].url+"/api/v1/users", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create p%d: %d, want 201", i, res.StatusCode)
		}
	}
	for _, p := range quiet {
		p.stop()
	}

	// The first email of each process waits at the SMTP server until both
	// have one there: the second process claims while the first is sending.
	smtp := smtptest.Start(t)
	release := smtp.Hold()
	defer release()
	mailEnv := append(env, "CONSOLE_SMTP_URL="+smtp.URL, "CONSOLE_MAIL_FROM=Console <console@example.test>")
	startConsole(t, db, mailEnv...)
	startConsole(t, db, mailEnv...)
	deadline := time.Now().Add(60 * time.Second)
	for smtp.Held() < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d processes sending, want 2", smtp.Held())
		}
		time.Sleep(10 * time.Millisecond) // waits on the other processes, not on a rule's clock
	}
	release()
	raw := testdb.Open(t, db)
	for {
		var left int
		if err := raw.QueryRow(`SELECT COUNT(*) FROM outbox WHERE status <> 'sent'`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d emails still unsent", left)
		}
		time.Sleep(20 * time.Millisecond) // waits on the other processes, not on a rule's clock
	}
	for i := range n {
		if got := len(smtp.To(fmt.Sprintf("p%d@example.test", i))); got != 1 {
			t.Errorf("p%d@example.test got %d emails, want 1", i, got)
		}
	}
	if got := len(smtp.Messages()); got != n {
		t.Errorf("%d emails sent for %d queued", got, n)
	}
}
