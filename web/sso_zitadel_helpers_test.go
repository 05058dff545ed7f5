package web

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
)

// A real OpenID provider in the test process: zitadel's example provider,
// with its login page (user test-user@localhost, password verysecure,
// email test-user@zitadel.ch, verified) and client "web"/"secret".

const (
	zitadelUser     = "test-user@localhost"
	zitadelPassword = "verysecure"
	zitadelEmail    = "test-user@zitadel.ch"
)

// startZitadel runs the example provider for a console whose callback is
// redirectURI, and returns its issuer. The provider insists on
// http://localhost:<port>/, so the port is known before it starts. Its
// clients are its own (NewStorageWithClients), not the package's shared
// map, so tests in parallel do not race on it.
func startZitadel(t *testing.T, redirectURI string) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	issuer := fmt.Sprintf("http://localhost:%d/", srv.Listener.Addr().(*net.TCPAddr).Port)
	stor := storage.NewStorageWithClients(storage.NewUserStore(issuer),
		map[string]*storage.Client{"web": storage.WebClient("web", "secret", redirectURI)})
	srv.Config.Handler = exampleop.SetupServer(issuer, stor, nil, false)
	srv.Start()
	t.Cleanup(srv.Close)
	return issuer
}

// zitadelLogin follows the console's redirect to the provider, fills its
// login form like a person would, and follows the provider's redirects
// until it sends the browser back to the console; it returns that path.
func zitadelLogin(c *client, res response, user, password string) string {
	c.t.Helper()
	next := providerURL(c.t, res)
	for range 10 {
		u, err := url.Parse(next)
		if err != nil {
			c.t.Fatal(err)
		}
		if c.base == u.Scheme+"://"+u.Host {
			return u.RequestURI()
		}
		r, err := c.http.Get(next)
		if err != nil {
			c.t.Fatal(err)
		}
		if r.StatusCode == http.StatusOK && strings.HasPrefix(u.Path, "/login/username") {
			doc, err := goquery.NewDocumentFromReader(r.Body)
			r.Body.Close()
			if err != nil {
				c.t.Fatal(err)
			}
			id, _ := doc.Find(`input[name="id"]`).Attr("value")
			r, err = c.http.PostForm(u.Scheme+"://"+u.Host+"/login/username", url.Values{"id": {id}, "username": {user}, "password": {password}})
			if err != nil {
				c.t.Fatal(err)
			}
		}
		r.Body.Close()
		if r.StatusCode != http.StatusFound && r.StatusCode != http.StatusSeeOther {
			c.t.Fatalf("provider answered %d at %s", r.StatusCode, next)
		}
		loc, err := r.Location()
		if err != nil {
			c.t.Fatal(err)
		}
		next = loc.String()
	}
	c.t.Fatalf("the provider never sent the browser back (last at %s)", next)
	return ""
}
