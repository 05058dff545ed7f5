package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// The browser-like client the web tests drive the router with.

// client is a browser-like HTTP client: cookie jar, CSRF token scraped from pages.
type client struct {
	t    *testing.T
	http *http.Client
	base string
	csrf string
	lang string
	// csrfSession is the session id csrf was read under; refreshing is set
	// while refreshCSRF reads a new token.
	csrfSession string
	refreshing  bool
}

func (e *testEnv) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, base: e.srv.URL, lang: "en",
		http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn returns a client signed in as email.
func (e *testEnv) signedIn(email string) *client {
	c := e.client()
	res, _ := c.signIn(email, testPassword, "")
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in %s: status %d", email, res.StatusCode)
	}
	return c
}

type response struct {
	*http.Response
	body string
	doc  *goquery.Document
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	req.Header.Set("Accept-Language", c.lang)
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	html := string(b)
	if !strings.HasPrefix(strings.ToLower(html), "<!doctype") {
		html = "<template>" + html + "</template>" // a fragment, parsed as htmx does
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(html))
	if tok, ok := doc.Find(`meta[name="csrf-token"]`).Attr("content"); ok && tok != "" {
		c.csrf, c.csrfSession = tok, c.sessionCookie()
	} else if !c.refreshing && c.csrf != "" && c.sessionCookie() != c.csrfSession {
		c.refreshCSRF()
	}
	return response{Response: res, body: string(b), doc: doc}
}

// sessionCookie is the session id the jar holds ("" for none).
func (c *client) sessionCookie() string {
	u, _ := url.Parse(c.base)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == auth.SessionName {
			return ck.Value
		}
	}
	return ""
}

// refreshCSRF does what a browser does after its session changed (sign-in,
// sign-out): it follows the redirect to the next page and reads that page's
// token, which is bound to the new session.
func (c *client) refreshCSRF() {
	c.t.Helper()
	c.refreshing = true
	defer func() { c.refreshing = false }()
	c.csrfSession = c.sessionCookie()
	next := "/"
	for range 5 {
		res := c.get(next)
		if res.doc.Find(`meta[name="csrf-token"]`).Length() > 0 {
			return
		}
		loc, err := res.Location()
		if err != nil {
			return
		}
		next = loc.RequestURI()
	}
}

func (c *client) get(path string, headers ...string) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

// post sends a form with the scraped CSRF token (as a browser's plain form would).
func (c *client) post(path string, form url.Values, headers ...string) response {
	c.t.Helper()
	if c.csrf == "" {
		c.get("/signin")
	}
	if form == nil {
		form = url.Values{}
	}
	if !form.Has("_csrf") {
		form.Set("_csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

func (c *client) signIn(email, password, next string) (response, string) {
	c.t.Helper()
	c.get("/signin")
	res := c.post("/signin", url.Values{"email": {email}, "password": {password}, "next": {next}})
	return res, strings.TrimSpace(res.doc.Find(".error").Text())
}

func htmx(target string) []string {
	return []string{"HX-Request", "true", "HX-Target", target}
}

func id(a store.Account) string { return strconv.FormatInt(a.ID, 10) }

func wantStatus(t *testing.T, res response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, snippet(res.body))
	}
}

func snippet(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

// tp is path as the pages of the test tenant Acme link it: every link a
// page makes carries the tenant it acts in.
func tp(path string) string { return "/t/acme" + path }
