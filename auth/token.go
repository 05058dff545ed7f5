package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewLinkToken returns a one-time link token (256 random bits, URL-safe) and
// the hash to store: the database never holds a usable link.
func NewLinkToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashLinkToken(token)
}

// HashLinkToken is the stored form of a link token.
func HashLinkToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ValidLinkToken reports whether s has the shape of a link token, so a
// malformed link is refused before any lookup.
func ValidLinkToken(s string) bool {
	if len(s) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
