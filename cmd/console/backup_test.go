package main

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store/storetest"
)

// TestBackupOnPostgres: console backup refuses a PostgreSQL URL and prints
// the pg_dump command for it, without the password or the console's own URL
// parameters, which pg_dump would refuse.
func TestBackupOnPostgres(t *testing.T) {
	t.Parallel()
	db := "postgres://ops:s3cret@db.example:5432/console?sslmode=require&pool_max_conns=8&statement_timeout=5s"
	err := backup(context.Background(), []string{"--db", db, "--out", "nightly.dump"})
	if err == nil {
		t.Fatal("backup of a PostgreSQL database did not refuse")
	}
	msg := err.Error()
	want := "pg_dump -Fc --file=nightly.dump 'postgres://ops@db.example:5432/console?sslmode=require'"
	if !strings.Contains(msg, want) || !strings.Contains(msg, "pg_restore") {
		t.Errorf("refusal:\n%s\nwant the line %s and pg_restore", msg, want)
	}
	for _, leak := range []string{"s3cret", "pool_max_conns", "statement_timeout"} {
		if strings.Contains(msg, leak) {
			t.Errorf("the refusal prints %q:\n%s", leak, msg)
		}
	}
}

// TestBackupPgDumpLineWorks runs the printed pg_dump line against a real
// database and reads the dump back with pg_restore --list.
func TestBackupPgDumpLineWorks(t *testing.T) {
	needPostgres(t)
	t.Parallel()
	pgDump := pgTool(t, "pg_dump")
	out := filepath.Join(t.TempDir(), "console.dump")
	db, perr := url.Parse(storetest.DB(t))
	if perr != nil {
		t.Fatal(perr)
	}
	q := db.Query()
	q.Set("pool_max_conns", "4") // the console's own, which pg_dump would refuse
	db.RawQuery = q.Encode()
	err := backup(context.Background(), []string{"--db", db.String(), "--out", out})
	if err == nil {
		t.Fatal("backup of a PostgreSQL database did not refuse")
	}
	var line string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "pg_dump -Fc ") {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no pg_dump line in:\n%s", err)
	}
	cmd := exec.Command("sh", "-c", filepath.Dir(pgDump)+"/"+line)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, b)
	}
	list, err := exec.Command(pgTool(t, "pg_restore"), "--list", out).CombinedOutput()
	if err != nil || !strings.Contains(string(list), "TABLE public accounts") {
		t.Fatalf("pg_restore --list: %v\n%s", err, list)
	}
}

// pgTool finds a PostgreSQL client program, on PATH or where Debian puts it.
func pgTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name); len(m) > 0 {
		return m[len(m)-1]
	}
	if testdb.Postgres() && os.Getenv("CI") == "true" {
		t.Fatalf("%s is needed in CI with %s set", name, testdb.Env)
	}
	t.Skipf("%s not found: the printed command cannot be run here (install postgresql; CI's PostgreSQL leg has it, and fails without it)", name)
	return ""
}
