package web

import (
	"net/http"
	"testing"
)

// TestReview14_SCIMThrottleLocksOutTheLiveProvider: the failed-auth limit
// is per client address and refuses before looking at the token, so 20
// bad tokens sent from an address Entra ID's provisioning service shares
// (Azure egress, used by every Entra tenant; Okta cells alike), by anyone
// pointing their own Entra app at this console, stop every tenant's live
// provider there for 15 minutes. A live token must still act (the secret
// is 160 random bits: the limit has nothing to protect it from).
// Contradicts TestSCIMFailedAuthLimit's "even with a good token".
func TestReview14_SCIMThrottleLocksOutTheLiveProvider(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	for i := 0; i < 20; i++ {
		env.doWith("cst_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", "GET", "/Users", "").want(t, http.StatusUnauthorized)
	}
	env.do("GET", "/Users", "").want(t, http.StatusOK)
}
