package web

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/console-dev/console/views"
)

// linkAttrRE is the regular expression the link rewriting used to be, kept
// as the oracle the hand-written scan must agree with.
var linkAttrRE = regexp.MustCompile(`(\s(?:href|action|formaction|hx-get|hx-post|hx-put|hx-patch|hx-delete|hx-push-url|hx-replace-url|data-url)=")(/[^"]*)"`)

func tenantLinksRE(html []byte, slug string) []byte {
	if slug == "" {
		return html
	}
	return linkAttrRE.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := linkAttrRE.FindSubmatchIndex(m)
		path := string(m[sub[4]:sub[5]])
		prefixed := views.InTenant(slug, path)
		if prefixed == path {
			return m
		}
		return append(append(append([]byte{}, m[:sub[4]]...), prefixed...), '"')
	})
}

// TestTenantLinksScanAgreesWithTheExpression: on real pages (the users
// page, the sidebar, settings), on the awkward cases (untenanted paths, a
// name glued to another, an unclosed quote, "/" alone, a tab before the
// name) and on 5,000 random mixes of them, the scan writes exactly what the
// regular expression wrote.
func TestTenantLinksScanAgreesWithTheExpression(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	var inputs []string
	for _, path := range []string{"/users", "/users/" + itoa(env.admin.ID) + "/edit", "/settings", "/groups", "/audit"} {
		body := c.get(path).body
		if !strings.Contains(body, `href="/t/acme/`) {
			t.Fatalf("%s: no tenant link to undo:\n%.300s", path, body)
		}
		inputs = append(inputs, strings.ReplaceAll(body, `="/t/acme/`, `="/`))
	}
	pieces := []string{` href="/users"`, ` href="/"`, "\thx-get=\"/users?q=a&amp;b\"", ` data-url="/static/x.js"`,
		` xhref="/users"`, `data-hx-get="/a"`, ` action="/signin"`, ` href="//evil.test/"`, ` href="/t/other/users"`,
		` hx-post="/users/1/roles`, `"`, ` HREF="/users"`, `="/`, ` href="/api/v1/users"`, ` formaction="/users/2"`,
		"\nhx-push-url=\"/users?page=2\"", ` title="a href="/users""`, `<a `, `é`, ` hx-delete="/groups/3"`}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		for _, slug := range []string{"acme", "", "a-b"} {
			var got bytes.Buffer
			writeTenantLinks(&got, []byte(in), slug)
			if want := tenantLinksRE([]byte(in), slug); !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("slug %q, input %.200q:\n got %.300q\nwant %.300q", slug, in, got.String(), want)
			}
		}
	}
}
