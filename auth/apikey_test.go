package auth

import "testing"

func TestAPIKeyRoundTrip(t *testing.T) {
	key, id, hash := NewAPIKey()
	gotID, secret, ok := ParseAPIKey(key)
	if !ok || gotID != id || !SecretMatches(secret, hash) {
		t.Fatalf("parse %q: id %q ok %v", key, gotID, ok)
	}
	other, _, _ := NewAPIKey()
	if other == key {
		t.Fatal("two keys alike")
	}
	for _, bad := range []string{"", "csk", "csk__", key + "x", "xyz" + key[3:], key[:20], "csk_" + id + "_" + secret + "_x"} {
		if _, _, ok := ParseAPIKey(bad); ok {
			t.Errorf("ParseAPIKey(%q) accepted", bad)
		}
	}
	if SecretMatches(secret[:31]+"a", hash) && secret[31] != 'a' {
		t.Error("a different secret matched")
	}
}
