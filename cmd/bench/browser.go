package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web"
)

// app is the console serving one database over plain HTTP on loopback, with
// the cookies of a signed-in administrator.
type app struct {
	db      database
	st      *store.Store     // nil for a console in its own process
	srv     *httptest.Server // nil for a console in its own process
	url     string           // where it serves, http://127.0.0.1:port
	browser *http.Client
	cookie  string // the Cookie header a signed-in browser sends
}

// startConsole opens the database, serves it and signs in as its administrator.
func startConsole(ctx context.Context, db database) (*app, error) {
	st, err := store.Open(ctx, db.path)
	if err != nil {
		return nil, err
	}
	e, _, err := web.New(st, web.Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		st.Close()
		return nil, err
	}
	srv := httptest.NewServer(e)
	a := newApp(db, srv.URL)
	a.st, a.srv = st, srv
	if err := a.signIn(ctx); err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

// newApp is a browser, not yet signed in, of the console serving db at url.
func newApp(db database, url string) *app {
	jar, _ := cookiejar.New(nil)
	return &app{db: db, url: url, browser: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (a *app) close() {
	if a.srv != nil {
		a.srv.Close()
	}
	if a.st != nil {
		a.st.Close()
	}
}

// signIn does what a browser does: read the form's CSRF token, post the
// credentials with it, keep the session cookie.
func (a *app) signIn(ctx context.Context) error {
	doc, _, err := a.get(ctx, "/signin")
	if err != nil {
		return err
	}
	token, ok := doc.Find(`input[name="_csrf"]`).Attr("value")
	if !ok || token == "" {
		return fmt.Errorf("%s: no _csrf field on /signin", a.db.name())
	}
	form := url.Values{"email": {adminEmail}, "password": {a.db.password}, "_csrf": {token}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, a.url+"/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := a.browser.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("%s: sign in: status %d, want 303", a.db.name(), res.StatusCode)
	}
	var parts []string
	base, _ := url.Parse(a.url)
	for _, c := range a.browser.Jar.Cookies(base) {
		parts = append(parts, c.Name+"="+c.Value)
	}
	a.cookie = strings.Join(parts, "; ")
	if !strings.Contains(a.cookie, "console_session=") {
		return fmt.Errorf("%s: sign in set no console_session cookie", a.db.name())
	}
	return nil
}

// get fetches path as the signed-in browser; anything but 200 is an error.
func (a *app) get(ctx context.Context, path string) (*goquery.Document, []byte, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, a.url+path, nil)
	res, err := a.browser.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("%s: GET %s: status %d, want 200", a.db.name(), path, res.StatusCode)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	return doc, body, err
}

// followNext follows the page's rel="next" link up to hops times and returns
// the URL reached and its page number. A list too short for that many links
// gives its last full page (the one before the last), so that both database
// sizes are measured on pages of the same number of rows.
func (a *app) followNext(ctx context.Context, start string, hops int) (string, int, error) {
	u, prev := start, ""
	for i := range hops {
		doc, _, err := a.get(ctx, u)
		if err != nil {
			return "", 0, err
		}
		href, ok := doc.Find(`a[rel="next"]`).Attr("href")
		switch {
		case (!ok || href == "") && prev != "":
			return prev, i, nil
		case !ok || href == "":
			return u, i + 1, nil
		}
		prev, u = u, href
	}
	return u, hops + 1, nil
}
