package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

func TestFirstStart(t *testing.T) {
	for _, tc := range []struct {
		name, password string
		wantErr        bool
		wantPrinted    bool
	}{
		{"generated password is printed once", "", false, true},
		{"given password is not printed", "a long enough passphrase", false, false},
		{"weak password refused", "password", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("CONSOLE_ADMIN_EMAIL", "Boss@Example.com")
			t.Setenv("CONSOLE_ADMIN_PASSWORD", tc.password)
			ctx := context.Background()
			st, err := store.Open(ctx, storetest.DB(t))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var out bytes.Buffer
			err = firstStart(ctx, st, &out)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			if tc.wantErr {
				if n, _ := st.TenantCount(ctx); n != 0 {
					t.Fatal("a refused first start left a tenant behind")
				}
				return
			}
			if got := strings.Contains(out.String(), "Generated password"); got != tc.wantPrinted {
				t.Fatalf("printed:\n%s", out.String())
			}
			if tc.password != "" && strings.Contains(out.String(), tc.password) {
				t.Fatal("a given password was printed")
			}
			a, err := st.AccountByEmail(ctx, 1, "boss@example.com")
			if err != nil || a.UserType != "admin" || a.PasswordHash == "" {
				t.Fatalf("administrator %+v, %v", a, err)
			}
			// A second start creates nothing and prints nothing.
			out.Reset()
			if err := firstStart(ctx, st, &out); err != nil || out.Len() != 0 {
				t.Fatalf("second start: %v %q", err, out.String())
			}
		})
	}
}

func TestSecureCookies(t *testing.T) {
	for _, tc := range []struct {
		setting, addr string
		want          bool
	}{
		{"auto", "127.0.0.1:8080", false},
		{"auto", "localhost:8080", false},
		{"auto", "[::1]:8080", false},
		{"auto", "0.0.0.0:8080", true},
		{"auto", ":8080", true},
		{"auto", "10.1.2.3:443", true},
		{"true", "127.0.0.1:8080", true},
		{"false", "0.0.0.0:8080", false},
	} {
		if got := secureCookies(tc.setting, tc.addr); got != tc.want {
			t.Errorf("secureCookies(%q, %q) = %v", tc.setting, tc.addr, got)
		}
	}
}

// TestServeShutsDownGracefully: SIGTERM (a cancelled context) lets the server
// stop and close the database; the file then opens cleanly.
func TestServeShutsDownGracefully(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	t.Setenv("CONSOLE_ADMIN_PASSWORD", "a long enough passphrase")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	stdout := os.Stdout
	devnull, _ := os.Open(os.DevNull)
	os.Stdout = devnull
	defer func() { os.Stdout = stdout }()
	go func() { done <- serve(ctx, []string{"--addr", addr, "--db", db, "--log-format", "json"}) }()
	// Up once it answers: migrations under -race on a busy machine may take
	// seconds, so wait for that (or for serve to fail), not a fixed time.
	var res *http.Response
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); {
		if res, err = http.Get("http://" + addr + "/healthz"); err == nil {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped before answering: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v", err)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.TenantCount(context.Background()); n != 1 {
		t.Fatalf("%d tenants after first start", n)
	}
}

func TestSeedAdminBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	ctx := context.Background()
	stdout := os.Stdout
	devnull, _ := os.Open(os.DevNull)
	os.Stdout = devnull
	defer func() { os.Stdout = stdout }()
	if err := seed(ctx, []string{"--db", db, "--users", "2000"}); err != nil {
		t.Fatal(err)
	}
	if err := seed(ctx, []string{"--db", db, "--users", "-5"}); err == nil {
		t.Fatal("a negative count was accepted")
	}
	if err := admin(ctx, []string{"--db", db, "--email", "admin@demo.example.com", "--tenant", "demo"}); err != nil {
		t.Fatal(err)
	}
	if err := admin(ctx, []string{"--db", db}); err == nil {
		t.Fatal("admin without --email was accepted")
	}
	out := filepath.Join(dir, "backup.db")
	if err := backup(ctx, []string{"--db", db, "--out", out}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tn, err := st.TenantBySlug(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := st.AccountTotal(ctx, tn.ID)
	if n != 2002 {
		t.Fatalf("backup holds %d accounts, want 2002 (the users, the administrator, the provider's user)", n)
	}
	// The demo data is realistic: accents, apostrophes, every status and type, people without roles or activity.
	all, err := st.ListUsers(ctx, tn.ID, store.UserFilter{IncludeNoRole: true, ShowDeactivated: true, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range all.Accounts {
		seen[a.Status] = true
		seen[a.UserType] = true
		if strings.ContainsAny(a.FirstName+a.LastName, "éèëïöüçø") {
			seen["accent"] = true
		}
		if strings.Contains(a.LastName, "'") {
			seen["apostrophe"] = true
		}
		if a.LastActiveAt.IsZero() {
			seen["never active"] = true
		}
	}
	for _, want := range []string{"active", "pending", "deactivated", "admin", "standard", "read_only", "accent", "apostrophe", "never active"} {
		if !seen[want] {
			t.Errorf("no %s account among the first 500 seeded", want)
		}
	}
}
