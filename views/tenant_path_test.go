package views

import "testing"

// TestTenanted: which paths get the tenant prefix: a page does; the paths
// of no tenant (sign-in, one-time links, static files, the API, a path
// already prefixed) do not, with or without their trailing slash; another
// host's URL does not.
func TestTenanted(t *testing.T) {
	for path, want := range map[string]bool{
		"/users": true, "/": true, "/signi": true, "/health": true, "/users/3/edit?open=x": true, "/apis": true, "/tenants": true, "/statistics": true,
		"/api": false, "/api/": false, "/api/v1/users": false, "/t": false, "/t/acme/users": false, "/static": false,
		"/static/app.js": false, "/signin": false, "/signin?next=/users": false, "/invite": false, "/invite/abc": false,
		"/healthz": false, "//evil.test/": false, "users": false, "": false, "/avatars": false, "/register/x": false,
	} {
		if got := Tenanted(path); got != want {
			t.Errorf("Tenanted(%q) = %v, want %v", path, got, want)
		}
	}
}
