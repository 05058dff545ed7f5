package auth

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's minimum (m=19 MiB, t=2, p=1).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// ErrBusy means every hashing slot stayed taken for the wait limit; callers answer 503.
var ErrBusy = errors.New("auth: too many password checks at once")

// Hasher bounds password hashing to GOMAXPROCS at once, so a burst of sign-ins
// queues briefly and then fails fast instead of piling up memory.
type Hasher struct {
	slots chan struct{}
	wait  time.Duration
	dummy string
}

// NewHasher makes a hasher that waits at most wait for a free slot.
func NewHasher(wait time.Duration) *Hasher {
	h := &Hasher{slots: make(chan struct{}, runtime.GOMAXPROCS(0)), wait: wait}
	h.dummy = h.hash("not a real password, only for timing")
	return h
}

func (h *Hasher) acquire(ctx context.Context) error {
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Hash returns the encoded argon2id hash of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer func() { <-h.slots }()
	return h.hash(password), nil
}

func (h *Hasher) hash(password string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// Verify checks password against encoded. An empty encoded hash (no password
// set) is checked against a dummy so it costs the same time and never matches.
func (h *Hasher) Verify(ctx context.Context, encoded, password string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer func() { <-h.slots }()
	if encoded == "" {
		verify(h.dummy, password)
		return false, nil
	}
	return verify(encoded, password), nil
}

func verify(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// Password policy (NIST SP 800-63B): length, not composition, and no common passwords.
const (
	MinPassword         = 8
	MaxPassword         = 128
	RecommendedPassword = 15
)

// ErrPasswordShort, ErrPasswordLong and ErrPasswordCommon are policy refusals.
var (
	ErrPasswordShort  = errors.New("auth: password too short")
	ErrPasswordLong   = errors.New("auth: password too long")
	ErrPasswordCommon = errors.New("auth: password too common")
)

//go:embed common-passwords.txt
var commonList string

var common = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// CheckPassword applies the policy; length counts characters, not bytes.
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPassword:
		return ErrPasswordShort
	case n > MaxPassword:
		return ErrPasswordLong
	case common[strings.ToLower(pw)]:
		return ErrPasswordCommon
	}
	return nil
}

// RandomPassword makes a 20-character password for a generated first administrator.
func RandomPassword() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
