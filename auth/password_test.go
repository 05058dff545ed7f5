package auth

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Hashing is deliberately slow (argon2id, 19 MiB), so these tests hash sparingly.

func TestHashAndVerify(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := NewHasher(time.Second)

	encoded, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(encoded, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(encoded, "correct horse") {
		t.Errorf("encoded hash = %q", encoded)
	}
	tests := []struct {
		name     string
		encoded  string
		password string
		want     bool
	}{
		{"right password", encoded, "correct horse battery staple", true},
		{"wrong password", encoded, "correct horse battery stapler", false},
		{"no password set", "", "correct horse battery staple", false},
		{"not a hash", "plain-text", "plain-text", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := h.Verify(ctx, tt.encoded, tt.password)
			if err != nil || ok != tt.want {
				t.Errorf("Verify = %v, %v; want %v", ok, err, tt.want)
			}
		})
	}
}

func TestHasherIsBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// No dummy hash needed here: only the slots are under test.
	h := &Hasher{slots: make(chan struct{}, runtime.GOMAXPROCS(0)), wait: 5 * time.Millisecond}
	if cap(h.slots) != runtime.GOMAXPROCS(0) {
		t.Fatalf("slots = %d, want GOMAXPROCS = %d", cap(h.slots), runtime.GOMAXPROCS(0))
	}
	for range cap(h.slots) {
		h.slots <- struct{}{} // every slot held by a hash in progress
	}

	if _, err := h.Hash(ctx, "correct horse battery staple"); !errors.Is(err, ErrBusy) {
		t.Errorf("Hash with every slot taken: %v, want ErrBusy", err)
	}
	if _, err := h.Verify(ctx, "$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAA", "x"); !errors.Is(err, ErrBusy) {
		t.Errorf("Verify with every slot taken: %v, want ErrBusy", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	h.wait = time.Minute
	if _, err := h.Hash(cancelled, "correct horse battery staple"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash with a cancelled request: %v, want context.Canceled", err)
	}

	// One slot frees up: the next hash proceeds and gives its slot back.
	<-h.slots
	if _, err := h.Hash(ctx, "correct horse battery staple"); err != nil {
		t.Errorf("Hash with a free slot: %v", err)
	}
	if len(h.slots) != cap(h.slots)-1 {
		t.Errorf("slots in use after hashing = %d, want %d", len(h.slots), cap(h.slots)-1)
	}
}

func TestCheckPassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		pw   string
		want error
	}{
		{"7 characters", "tulip7x", ErrPasswordShort},
		{"7 accented characters (14 bytes)", "éèêëàâä", ErrPasswordShort},
		{"empty", "", ErrPasswordShort},
		{"8 characters", "tulip7xq", nil},
		{"128 characters", strings.Repeat("ab", 64), nil},
		{"129 characters", strings.Repeat("ab", 64) + "c", ErrPasswordLong},
		{"64 accented characters (128 bytes)", strings.Repeat("é", 64), nil},
		{"100 accented characters (200 bytes)", strings.Repeat("ça", 50), nil},
		{"129 accented characters", strings.Repeat("é", 129), ErrPasswordLong},
		{"common", "password1", ErrPasswordCommon},
		{"common, capitalised", "Password1", ErrPasswordCommon},
		{"common French", "azertyuiop", ErrPasswordCommon},
		{"common French, upper-case", "AZERTYUIOP", ErrPasswordCommon},
		{"common, from the long shipped list", "159753456", ErrPasswordCommon},
		{"common, near the end of the shipped list", "Pilchard", ErrPasswordCommon},
		{"common word inside a passphrase", "password1 is what I never use", nil},
		{"no composition rules", "correct horse battery staple", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckPassword(tt.pw); !errors.Is(err, tt.want) {
				t.Errorf("CheckPassword(%q) = %v, want %v", tt.pw, err, tt.want)
			}
		})
	}
}

// TestCommonListIsLarge: the policy needs a real list, not a sample.
func TestCommonListIsLarge(t *testing.T) {
	t.Parallel()
	if len(common) < 10000 {
		t.Errorf("common-password list has %d entries, want at least 10,000", len(common))
	}
}

func TestRandomPasswordPassesPolicy(t *testing.T) {
	t.Parallel()
	a, b := RandomPassword(), RandomPassword()
	if a == b {
		t.Error("two random passwords are equal")
	}
	if len(a) != 20 {
		t.Errorf("random password %q has %d characters, want 20", a, len(a))
	}
	if err := CheckPassword(a); err != nil {
		t.Errorf("CheckPassword(random) = %v", err)
	}
}
