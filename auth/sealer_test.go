package auth

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSealerBindsPurposeAndKey: a sealed secret opens only under its key and
// its purpose, and never shows its plain text.
func TestSealerBindsPurposeAndKey(t *testing.T) {
	t.Parallel()
	key := make([]byte, 32)
	s, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := s.Seal("hunter2-client-secret", "sso:1")
	if err != nil || strings.Contains(sealed, "hunter2") || !strings.HasPrefix(sealed, "v1:") {
		t.Fatalf("sealed %q, %v", sealed, err)
	}
	if got, err := s.Open(sealed, "sso:1"); err != nil || got != "hunter2-client-secret" {
		t.Fatalf("open: %q, %v", got, err)
	}
	if _, err := s.Open(sealed, "sso:2"); !errors.Is(err, ErrUnseal) {
		t.Fatalf("open for another tenant: %v, want ErrUnseal", err)
	}
	other := make([]byte, 32)
	other[0] = 1
	s2, _ := NewSealer(other)
	if _, err := s2.Open(sealed, "sso:1"); !errors.Is(err, ErrUnseal) {
		t.Fatalf("open under another key: %v, want ErrUnseal", err)
	}
	if again, _ := s.Seal("hunter2-client-secret", "sso:1"); again == sealed {
		t.Fatal("two seals of one secret are equal: the nonce is not random")
	}
}

// TestLoadSecretKey: the environment wins; else a key file is made once
// (0600) and read back the same on the next start; a malformed key is refused.
func TestLoadSecretKey(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "console.db.key")
	k1, err := LoadSecretKey("", path)
	if err != nil || len(k1) != 32 {
		t.Fatalf("generate: %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode: %v %v", fi.Mode(), err)
	}
	k2, err := LoadSecretKey("", path)
	if err != nil || string(k1) != string(k2) {
		t.Fatalf("second start read another key: %v", err)
	}
	env, err := LoadSecretKey(strings.Repeat("ab", 32), path)
	if err != nil || env[0] != 0xab {
		t.Fatalf("env key: %v", err)
	}
	if _, err := LoadSecretKey("too-short", path); err == nil {
		t.Fatal("a short key was accepted")
	}
}
