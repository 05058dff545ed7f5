package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

func rowNames(res response) []string {
	var out []string
	res.doc.Find("#users-table tbody tr td.name").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

func TestUsersTableDefaultsAndFilters(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("member@acme.test", "standard", "active", "member")
	env.user("nobody@acme.test", "standard", "active") // public: no role
	env.user("gone@acme.test", "standard", "deactivated", "member")
	env.user("reader@acme.test", "read_only", "active", "auditor")
	c := env.signedIn("admin@acme.test")

	cases := []struct {
		query string
		want  []string
	}{
		{"", []string{"Admin Tester", "Member Tester", "Reader Tester"}},
		{"?norole=1", []string{"Admin Tester", "Member Tester", "Nobody Tester", "Reader Tester"}},
		{"?deactivated=1", []string{"Admin Tester", "Gone Tester", "Member Tester", "Reader Tester"}},
		{"?status=deactivated", []string{"Gone Tester"}},
		{"?type=read_only", []string{"Reader Tester"}},
		{fmt.Sprintf("?role=%d", env.roles["auditor"]), []string{"Reader Tester"}},
		{"?q=mem", []string{"Member Tester"}},
		{"?q=MEMBER%40acme", []string{"Member Tester"}},
		{"?q=tester+rea", []string{"Reader Tester"}},
		{"?q=zzz", nil},
		{"?sort=email&dir=desc", []string{"Reader Tester", "Member Tester", "Admin Tester"}},
		{"?status=bogus&type=bogus&sort=bogus&size=7&after=garbage", []string{"Admin Tester", "Member Tester", "Reader Tester"}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			res := c.get("/users" + tc.query)
			wantStatus(t, res, http.StatusOK)
			if got := rowNames(res); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("rows %v, want %v", got, tc.want)
			}
		})
	}
	gone := c.get("/users?deactivated=1").doc.Find("tr.disabled .badge").Text()
	if gone != "Disabled" {
		t.Fatalf("deactivated row badge %q", gone)
	}
	if c.get("/users?q=zzz").doc.Find(".empty").Length() != 1 {
		t.Fatal("no empty state for a search matching nothing")
	}
}

func TestUsersTableAsFragmentAndPage(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	full := c.get("/users")
	if full.doc.Find("html").Length() != 1 || full.doc.Find("#filters").Length() != 1 {
		t.Fatal("full page load lacks layout or filters")
	}
	if !strings.Contains(full.Header.Get("Vary"), "HX-Request") {
		t.Fatal("no Vary: HX-Request")
	}
	frag := c.get("/users?q=adm", htmx("users-table")...)
	if strings.Contains(frag.body, "<html") || strings.Contains(frag.body, `id="filters"`) || frag.doc.Find("#users-table").Length() != 1 {
		t.Fatalf("htmx request should get the table alone:\n%s", snippet(frag.body))
	}
	restore := c.get("/users", "HX-Request", "true", "HX-History-Restore-Request", "true")
	if !strings.Contains(restore.body, "<html") {
		t.Fatal("a history restore needs the whole page")
	}
}

func TestUsersKeysetPaging(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	var seeds []store.SeedAccount
	for i := range 60 {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: fmt.Sprintf("P%02d", i), LastName: "Same", Email: fmt.Sprintf("p%02d@acme.test", i),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: fmt.Sprintf("p%02d", i), Status: "active", AuthMethod: "password", RoleIDs: []int64{env.roles["member"]}}})
	}
	if err := env.st.Seed(ctx, store.Actor{TenantID: env.tenant.ID}, seeds); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	var all []string
	path := "/users?size=25&q=same"
	var pages []string
	for path != "" {
		res := c.get(path)
		pages = append(pages, path)
		all = append(all, rowNames(res)...)
		next, _ := res.doc.Find(`a[rel="next"]`).Attr("href")
		path = next
	}
	if len(all) != 60 || len(pages) != 3 || all[0] != "P00 Same" || all[59] != "P59 Same" {
		t.Fatalf("walked %d rows over %d pages: %v", len(all), len(pages), all)
	}
	// Back from the last page gives the middle page again.
	last := c.get(pages[2])
	prev, _ := last.doc.Find(`a[rel="prev"]`).Attr("href")
	if got := rowNames(c.get(prev)); got[0] != "P25 Same" || len(got) != 25 {
		t.Fatalf("previous page starts %v", got[:1])
	}
}

func TestUsersPageQueryCountIsConstant(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
	ctx := context.Background()
	c := env.signedIn("admin@acme.test")
	count := func(path string) int64 {
		before := env.st.Statements()
		wantStatus(t, c.get(path), http.StatusOK)
		return env.st.Statements() - before
	}
	small := count("/users?size=25")
	smallSearch := count("/users?size=25&q=adm")
	var seeds []store.SeedAccount
	for i := range 400 {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: "Many", LastName: fmt.Sprint(i), Email: fmt.Sprintf("m%d@acme.test", i), Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: "standard"}, Login: fmt.Sprintf("m%d", i), Status: "active",
			AuthMethod: "password", RoleIDs: []int64{env.roles["member"], env.roles["auditor"]}}})
	}
	if err := env.st.Seed(ctx, store.Actor{TenantID: env.tenant.ID}, seeds); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/users?size=25", "/users?size=200"} {
		if n := count(path); n != small {
			t.Errorf("%s ran %d statements, want %d as with one user", path, n, small)
		}
	}
	// A search counts the matches the view hides (one bounded statement);
	// sorted on a column the search rows lack, it walks the accounts, with
	// no check of how common its word is.
	if n := count("/users?size=200&q=many&sort=last_active&dir=desc"); n != small+1 {
		t.Errorf("a search sorted by last activity ran %d statements, want %d", n, small+1)
	}
	for _, path := range []string{"/users?size=200&q=many", "/users?q=many+1&sort=email&dir=desc&type=standard"} {
		if n := count(path); n != smallSearch {
			t.Errorf("%s ran %d statements, want %d as with one user", path, n, smallSearch)
		}
	}
	// One statement signs the request in (session, account, tenant, permissions),
	// two make the page; a search adds two: how common its first word is, and
	// the hidden count.
	if small > 3 || smallSearch > small+2 {
		t.Errorf("users page runs %d statements, %d with a search", small, smallSearch)
	}
}
