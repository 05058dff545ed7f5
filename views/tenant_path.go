package views

import (
	"strings"

	"github.com/console-dev/console/slug"
)

// Every page acts in one tenant, named by its URL: /t/<slug>/users is the
// users page of the tenant <slug>, so a link opens the tenant it was made in
// whoever opens it (someone without access there gets 404). A path without
// the prefix acts in the signed-in person's home tenant.

// TenantPrefix starts the path of a page acting in a tenant.
const TenantPrefix = "/t/"

// untenanted are the paths that belong to no tenant: sign-in, the one-time
// links, registration, static files and the API.
var untenanted = []string{"/static/", "/signin", "/signout", "/invite/", "/password/forgot", "/password/reset/",
	"/contact/verify/", "/register/", "/verify/", "/healthz", "/readyz", "/api/", "/t/", "/avatars/"}

// Tenanted reports whether path (starting with /) is a page of a tenant.
func Tenanted(path string) bool {
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return false
	}
	for _, p := range untenanted {
		// path under p, or p without its slash (no concatenation: this runs
		// for every link of every page)
		if strings.HasPrefix(path, p) || len(path)+1 == len(p) && strings.HasPrefix(p, path) && p[len(path)] == '/' {
			return false
		}
	}
	return true
}

// InTenant is path acting in the tenant with slug: /t/<slug><path> for a
// page of a tenant, path itself otherwise or without a slug.
func InTenant(slug, path string) string {
	if slug == "" || !Tenanted(path) {
		return path
	}
	if path == "/" {
		return TenantPrefix + slug + "/"
	}
	return TenantPrefix + slug + path
}

// SplitTenant takes the tenant prefix off a request path: the slug and the
// path within the tenant; ok is false when the path has no prefix, or a
// prefix before what belongs to no tenant.
func SplitTenant(path string) (slug, rest string, ok bool) {
	tail, found := strings.CutPrefix(path, TenantPrefix)
	if !found {
		return "", path, false
	}
	slug, rest, _ = strings.Cut(tail, "/")
	rest = "/" + rest
	if !ValidSlug(slug) || !Tenanted(rest) {
		return "", path, false
	}
	return slug, rest, true
}

// ValidSlug: 1 to 63 lower-case letters, digits and inner hyphens (slug.Valid).
func ValidSlug(s string) bool { return slug.Valid(s) }
