package web

import (
	"net"
	"net/http"
	"testing"
)

// TestRequestIDFromClient: a client's X-Request-Id is replaced by a fresh id
// unless the connection comes from a trusted proxy, whose id is kept.
func TestRequestIDFromClient(t *testing.T) {
	const forged = "forged-request-id"
	get := func(env *testEnv) string {
		req, _ := http.NewRequest(http.MethodGet, env.srv.URL+"/signin", nil)
		req.Header.Set("X-Request-Id", forged)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.Header.Get("X-Request-Id")
	}
	t.Run("untrusted peer", func(t *testing.T) {
		got := get(newEnv(t))
		if got == forged || got == "" {
			t.Fatalf("X-Request-Id %q: want a fresh id, not the client's", got)
		}
	})
	t.Run("trusted proxy", func(t *testing.T) {
		_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
		_, v6, _ := net.ParseCIDR("::1/128")
		env := newEnvWith(t, t, false, func(c *Config) { c.TrustedProxies = []*net.IPNet{loopback, v6} })
		if got := get(env); got != forged {
			t.Fatalf("X-Request-Id %q from a trusted proxy, want %q", got, forged)
		}
	})
}
