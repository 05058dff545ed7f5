package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// KeyPrefix starts every API key, so a leaked key is easy to recognise (and
// for secret scanners to find).
const KeyPrefix = "csk"

var keyEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewAPIKey makes a key "csk_<public id>_<secret>": a 64-bit public id to find
// it and a 160-bit secret of which only the SHA-256 is stored.
func NewAPIKey() (key, publicID, secretHash string) { return newKey(KeyPrefix) }

// ParseAPIKey splits a key into its public id and secret.
func ParseAPIKey(key string) (publicID, secret string, ok bool) { return parseKey(KeyPrefix, key) }

// SCIMTokenPrefix starts every SCIM bearer token, told apart from API keys.
const SCIMTokenPrefix = "cst"

// NewSCIMToken makes a SCIM token "cst_<public id>_<secret>", made like an
// API key.
func NewSCIMToken() (token, publicID, secretHash string) { return newKey(SCIMTokenPrefix) }

// ParseSCIMToken splits a SCIM token into its public id and secret.
func ParseSCIMToken(token string) (publicID, secret string, ok bool) {
	return parseKey(SCIMTokenPrefix, token)
}

func newKey(prefix string) (key, publicID, secretHash string) {
	id, secret := make([]byte, 8), make([]byte, 20)
	_, _ = rand.Read(id)
	_, _ = rand.Read(secret)
	publicID, s := hex.EncodeToString(id), keyEncoding.EncodeToString(secret)
	return prefix + "_" + publicID + "_" + s, publicID, HashSecret(s)
}

func parseKey(prefix, key string) (publicID, secret string, ok bool) {
	parts := strings.Split(key, "_")
	if len(parts) != 3 || parts[0] != prefix || len(parts[1]) != 16 || len(parts[2]) != 32 {
		return "", "", false
	}
	return parts[1], parts[2], true
}

// HashSecret is the stored form of a key's secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// SecretMatches compares a presented secret with a stored hash in constant time.
func SecretMatches(secret, hash string) bool {
	return subtle.ConstantTimeCompare([]byte(HashSecret(secret)), []byte(hash)) == 1
}

// KeyPrefixOf is how lists show a key: its prefix and public id, never the secret.
func KeyPrefixOf(publicID string) string { return KeyPrefix + "_" + publicID }
