package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestStaticAssetsHashedAndCachedForGood: the layout links every static file
// by its content hash; that URL is cached a year as immutable, and its hash is
// the SHA-256 of the bytes served. Without the hash, or with a stale one, the
// file is not cached for good.
func TestStaticAssetsHashedAndCachedForGood(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client()
	for _, page := range []string{"/signin"} {
		res := c.get(page)
		wantStatus(t, res, http.StatusOK)
		var links []string
		res.doc.Find(`link[href], script[src]`).Each(func(_ int, s *goquery.Selection) {
			if v, ok := s.Attr("href"); ok {
				links = append(links, v)
			}
			if v, ok := s.Attr("src"); ok {
				links = append(links, v)
			}
		})
		if len(links) < 5 {
			t.Fatalf("%s links only %v", page, links)
		}
		for _, link := range links {
			u, err := url.Parse(link)
			if err != nil || !strings.HasPrefix(u.Path, "/static/") {
				t.Errorf("%s links %q, not a static file", page, link)
				continue
			}
			v := u.Query().Get("v")
			if len(v) != 16 {
				t.Errorf("%s links %q without a content hash", page, link)
				continue
			}
			got := c.get(link)
			wantStatus(t, got, http.StatusOK)
			if cc := got.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
				t.Errorf("%s: Cache-Control %q, want a year, immutable", link, cc)
			}
			sum := sha256.Sum256([]byte(got.body))
			if want := hex.EncodeToString(sum[:8]); v != want {
				t.Errorf("%s: hash %s, but the bytes served hash to %s", link, v, want)
			}
			for _, other := range []string{u.Path, u.Path + "?v=0123456789abcdef"} {
				res := c.get(other)
				wantStatus(t, res, http.StatusOK)
				if cc := res.Header.Get("Cache-Control"); strings.Contains(cc, "immutable") || strings.Contains(cc, "31536000") {
					t.Errorf("%s: Cache-Control %q: a URL without its hash is cached for good", other, cc)
				}
				if res.body != got.body {
					t.Errorf("%s: other bytes than %s", other, link)
				}
			}
		}
	}
}
