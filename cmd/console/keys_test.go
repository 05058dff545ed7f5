package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// Every process of a console on PostgreSQL must share the secret key, and the
// CSRF key follows from it: a form served by one process posts to another.
func TestServeKeys(t *testing.T) {
	t.Setenv("CONSOLE_SECRET_KEY", "")
	t.Setenv("CONSOLE_CSRF_KEY", "")
	if _, _, err := serveKeys("postgres://console:pw@db.example/console"); !errors.Is(err, errSharedKey) {
		t.Fatalf("PostgreSQL without CONSOLE_SECRET_KEY: %v, want errSharedKey", err)
	}
	db := filepath.Join(t.TempDir(), "c.db")
	s1, c1, err := serveKeys(db) // makes the key file
	if err != nil {
		t.Fatal(err)
	}
	s2, c2, err := serveKeys(db) // a second process, or a restart
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s1, s2) || !bytes.Equal(c1, c2) || bytes.Equal(s1, c1) {
		t.Fatal("keys differ between two starts on one database, or the CSRF key is the secret key")
	}
	t.Setenv("CONSOLE_SECRET_KEY", strings.Repeat("ab", 32))
	_, c3, err := serveKeys("postgres://console:pw@db.example/console")
	if err != nil || bytes.Equal(c3, c1) {
		t.Fatalf("another secret key gives the same CSRF key (%v)", err)
	}
	t.Setenv("CONSOLE_CSRF_KEY", "short")
	if _, _, err := serveKeys(db); err == nil {
		t.Fatal("a CSRF key under 32 characters was taken")
	}
}

// A database URL is logged without its password.
func TestRedact(t *testing.T) {
	got := store.Redact("postgres://console:s3cret@db.example:5432/console?sslmode=require")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "db.example") {
		t.Fatalf("Redact = %q", got)
	}
	if _, err := store.Open(t.Context(), "postgres://console:s3cret@[::1/x"); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("a bad URL's error shows the password: %v", err)
	}
}
