package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Sealer encrypts the secrets the console must read back (an SSO client
// secret) with AES-256-GCM. Each sealed value is bound to a purpose string
// (such as the tenant it belongs to), so a value copied to another row does
// not open there.
type Sealer struct{ aead cipher.AEAD }

// sealedPrefix names the format, so a later key rotation can tell versions apart.
const sealedPrefix = "v1:"

// ErrUnseal means a sealed value does not open under this key: another key,
// another purpose, or a damaged value.
var ErrUnseal = errors.New("auth: sealed value does not open under this key")

// NewSealer makes a sealer from a 32-byte key.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) != 32 {
		return nil, errors.New("auth: the secret key must be 32 bytes")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts plain for purpose; "" stays "" (no secret set).
func (s *Sealer) Seal(plain, purpose string) (string, error) {
	if plain == "" {
		return "", nil
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := s.aead.Seal(nonce, nonce, []byte(plain), []byte(purpose))
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a value Seal made for the same purpose.
func (s *Sealer) Open(sealed, purpose string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, sealedPrefix))
	if err != nil || !strings.HasPrefix(sealed, sealedPrefix) || len(raw) < s.aead.NonceSize() {
		return "", ErrUnseal
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(purpose))
	if err != nil {
		return "", ErrUnseal
	}
	return string(plain), nil
}

// LoadSecretKey returns the console's secret key: from value
// (CONSOLE_SECRET_KEY: 32 bytes as 64 hex digits or base64) when it is set,
// else from the key file at path, which is created with a random key (mode
// 0600) the first time. Losing the key loses the sealed secrets, never the
// accounts: they are typed in again.
func LoadSecretKey(value, path string) ([]byte, error) {
	if value != "" {
		return decodeKey(strings.TrimSpace(value), "CONSOLE_SECRET_KEY")
	}
	b, err := os.ReadFile(path)
	if err == nil {
		return decodeKey(strings.TrimSpace(string(b)), path)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("auth: secret key: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("auth: secret key: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("auth: secret key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("auth: secret key: %w", err)
	}
	return key, nil
}

func decodeKey(s, from string) ([]byte, error) {
	if b, err := hex.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == 32 {
			return b, nil
		}
	}
	return nil, fmt.Errorf("%s: give 32 random bytes as 64 hex digits or base64 (openssl rand -hex 32)", from)
}
