package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/console-dev/console/store"
)

// Issue 16, "what peers have": the users table filters by group, by last
// activity, by email domain and by creation date, in the URL, the JSON API
// and the report; and Created sorts from its column header (defect 17).

// filterWorld seeds people whose logins say what each filter should find:
// ann (example.net, in Support, active 100 days ago, created 2024-01-10),
// ben (eu.example.net, in Support, active 10 days ago, created 2024-03-05),
// cat (example.com, never active, created 2024-06-20), dan (notexample.net,
// active 400 days ago, created 2025-02-01). now is the server's clock.
func filterWorld(t *testing.T) (env *testEnv, support store.Group, now time.Time) {
	env = newEnv(t)
	ctx := context.Background()
	now = time.Now().UTC().Truncate(time.Second)
	support = env.group("Support")
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(12 * time.Hour)
	}
	people := []struct {
		login, email, created string
		activeDaysAgo         int // 0: never
		inSupport             bool
	}{
		{"ann", "ann@example.net", "2024-01-10", 100, true},
		{"ben", "ben@eu.example.net", "2024-03-05", 10, true},
		{"cat", "cat@example.com", "2024-06-20", 0, false},
		{"dan", "dan@notexample.net", "2025-02-01", 400, false},
	}
	var seeds []store.SeedAccount
	for _, p := range people {
		s := store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{FirstName: strings.ToUpper(p.login[:1]) + p.login[1:],
			LastName: "Filtered", Email: p.email, Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: p.login, Status: "active", AuthMethod: "password", RoleIDs: []int64{env.roles["member"]}},
			CreatedAt: day(p.created)}
		if p.activeDaysAgo > 0 {
			s.LastActiveAt = now.AddDate(0, 0, -p.activeDaysAgo)
		}
		if p.inSupport {
			s.GroupIDs = []int64{support.ID}
		}
		seeds = append(seeds, s)
	}
	if err := env.st.Seed(ctx, store.Actor{TenantID: env.tenant.ID}, seeds); err != nil {
		t.Fatal(err)
	}
	return env, support, now
}

// tableLogins are the logins the users table shows, in order, leaving out
// the signed-in admin.
func tableLogins(res response) []string {
	var out []string
	res.doc.Find("#users-table tbody tr td:nth-child(2)").Each(func(_ int, s *goquery.Selection) {
		if l := strings.TrimSpace(s.Text()); l != "admin" {
			out = append(out, l)
		}
	})
	return out
}

// apiLogins are the logins of an API user list, leaving out the admin.
func apiLogins(t *testing.T, r apiRes) []string {
	t.Helper()
	wantAPI(t, r, http.StatusOK)
	items, _ := r.body["items"].([]any)
	var out []string
	for _, it := range items {
		m, _ := it.(map[string]any)
		if l, _ := m["login"].(string); l != "admin" {
			out = append(out, l)
		}
	}
	return out
}

func TestIssue16FiltersNarrowTableAPIAndReport(t *testing.T) {
	t.Parallel()
	env, support, _ := filterWorld(t)
	other, otherRoles := env.newTenant("Other", "other")
	otherAdmin := env.userIn(other.ID, otherRoles, "boss@other.test", "admin", "active")
	otherGroup, err := env.st.CreateGroup(context.Background(), store.Actor{TenantID: other.ID, AccountID: otherAdmin.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	sid := fmt.Sprint(support.ID)
	cases := []struct {
		name  string
		query url.Values
		want  []string // by name: Ann, Ben, Cat, Dan
	}{
		{"group", url.Values{"group": {sid}}, []string{"ann", "ben"}},
		{"another tenant's group", url.Values{"group": {fmt.Sprint(otherGroup.ID)}}, nil},
		{"not active for 90 days", url.Values{"inactive": {"90"}}, []string{"ann", "cat", "dan"}},
		{"not active for 365 days", url.Values{"inactive": {"365"}}, []string{"cat", "dan"}},
		{"never active", url.Values{"inactive": {"never"}}, []string{"cat"}},
		{"domain and its subdomains, any case", url.Values{"domain": {"Example.NET"}}, []string{"ann", "ben"}},
		{"domain with @", url.Values{"domain": {"@example.com"}}, []string{"cat"}},
		{"subdomain only", url.Values{"domain": {"eu.example.net"}}, []string{"ben"}},
		{"created from", url.Values{"created_from": {"2024-03-05"}}, []string{"ben", "cat", "dan"}},
		{"created until, the day included", url.Values{"created_to": {"2024-03-05"}}, []string{"ann", "ben"}},
		{"created between", url.Values{"created_from": {"2024-02-01"}, "created_to": {"2024-12-31"}}, []string{"ben", "cat"}},
		{"combined", url.Values{"group": {sid}, "inactive": {"30"}, "domain": {"example.net"}}, []string{"ann"}},
		{"with a search (search rows)", url.Values{"q": {"filtered"}, "inactive": {"90"}, "domain": {"net"}}, []string{"ann", "dan"}},
		{"sorted by activity (the activity index)", url.Values{"sort": {"last_active"}, "inactive": {"90"}}, []string{"cat", "dan", "ann"}},
		{"sorted by creation, descending", url.Values{"sort": {"created"}, "dir": {"desc"}, "created_from": {"2024-02-01"}}, []string{"dan", "cat", "ben"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			page := c.get("/users?" + tc.query.Encode())
			wantStatus(t, page, http.StatusOK)
			if got := tableLogins(page); !slices.Equal(got, tc.want) {
				t.Errorf("table shows %v, want %v", got, tc.want)
			}
			if page.doc.Find(".field-error").Text() != "" {
				t.Errorf("a valid filter got a message: %q", page.doc.Find(".field-error").Text())
			}
			swap := c.get("/users?"+tc.query.Encode(), htmx("users-table")...)
			wantStatus(t, swap, http.StatusOK)
			if got := tableLogins(swap); !slices.Equal(got, tc.want) {
				t.Errorf("htmx table shows %v, want %v", got, tc.want)
			}
			api := tc.query
			if api.Get("sort") == "" {
				if got := apiLogins(t, env.call(key, http.MethodGet, "/users?"+api.Encode(), nil)); !sameSet(got, tc.want) {
					t.Errorf("API lists %v, want %v", got, tc.want)
				}
			}
			csv := c.get("/users/report?format=csv&" + tc.query.Encode())
			wantStatus(t, csv, http.StatusOK)
			for _, l := range []string{"ann", "ben", "cat", "dan"} {
				if strings.Contains(csv.body, l+"@") != slices.Contains(tc.want, l) {
					t.Errorf("report has %s: %v, want %v", l, strings.Contains(csv.body, l+"@"), slices.Contains(tc.want, l))
				}
			}
		})
	}
	// The form echoes the filters, offers the tenant's groups only, and
	// Clear filters goes back to the whole table.
	page := c.get("/users?group=" + sid + "&inactive=90&domain=example.net&created_from=2024-01-01&created_to=2024-12-31")
	if v, _ := page.doc.Find("#filter-group option[selected]").Attr("value"); v != sid {
		t.Errorf("group select has %q selected, want %s", v, sid)
	}
	if page.doc.Find("#filter-group option").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == "Theirs" }).Length() != 0 {
		t.Error("the group filter offers another tenant's group")
	}
	for sel, want := range map[string]string{"#filter-domain": "example.net", "#filter-created-from": "2024-01-01", "#filter-created-to": "2024-12-31"} {
		if v, _ := page.doc.Find(sel).Attr("value"); v != want {
			t.Errorf("%s = %q, want %q", sel, v, want)
		}
	}
	if v, _ := page.doc.Find("#filter-inactive option[selected]").Attr("value"); v != "90" {
		t.Errorf("inactive select has %q selected, want 90", v)
	}
	if href, _ := page.doc.Find("#filters-clear").Attr("href"); href != tp("/users") {
		t.Errorf("Clear filters links to %q, want %s", href, tp("/users"))
	}
	if got := tableLogins(c.get("/users")); len(got) != 4 {
		t.Errorf("the cleared table shows %v, want all four", got)
	}
}

// sameSet: the API lists by name too, but its order is not the point.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestIssue16FilterBadInput: a value that is no day count, date or domain
// gets a message beside its filter on the page (the table unfiltered by
// it), a 422 naming the parameter from the API, and never a 500.
func TestIssue16FilterBadInput(t *testing.T) {
	t.Parallel()
	env, _, _ := filterWorld(t)
	c := env.signedIn("admin@acme.test")
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	long := strings.Repeat(strings.Repeat("a", 60)+".", 5) + "net" // 303 characters, each label valid
	cases := []struct {
		param, value, message string
	}{
		{"inactive", "ninety", "number of days"},
		{"inactive", "0", "number of days"},
		{"inactive", "99999999999999999999", "number of days"},
		{"created_from", "2024-13-45", "Not a date"},
		{"created_to", "yesterday", "Not a date"},
		{"domain", "exa mple.net", "Not an email domain"},
		{"domain", "100%.net", "Not an email domain"},
		{"domain", long, "Not an email domain"},
		{"group", "abc", "Choose a group"},
		{"group", "-4", "Choose a group"},
	}
	for _, tc := range cases {
		t.Run(tc.param+"="+tc.value, func(t *testing.T) {
			q := url.Values{tc.param: {tc.value}}.Encode()
			page := c.get("/users?" + q)
			wantStatus(t, page, http.StatusOK)
			msg := page.doc.Find("#filter-err-" + tc.param).Text()
			if !strings.Contains(msg, tc.message) {
				t.Errorf("message beside %s = %q, want %q", tc.param, msg, tc.message)
			}
			if got := tableLogins(page); len(got) != 4 {
				t.Errorf("the refused filter still narrowed the table to %v", got)
			}
			swap := c.get("/users?"+q, htmx("users-table")...)
			wantStatus(t, swap, http.StatusOK)
			if oob := swap.doc.Find("#filter-err-" + tc.param + "[hx-swap-oob]").Text(); !strings.Contains(oob, tc.message) {
				t.Errorf("htmx swap's message for %s = %q, want %q", tc.param, oob, tc.message)
			}
			r := env.call(key, http.MethodGet, "/users?"+q, nil)
			wantAPI(t, r, http.StatusUnprocessableEntity)
			if !fieldErrors(r)[tc.param] {
				t.Errorf("API 422 names %v, want %s", fieldErrors(r), tc.param)
			}
		})
	}
	// An end before the start is refused at the end.
	page := c.get("/users?created_from=2024-06-01&created_to=2024-01-01")
	if msg := page.doc.Find("#filter-err-created_to").Text(); !strings.Contains(msg, "on or after the start") {
		t.Errorf("reversed range: message %q", msg)
	}
	r := env.call(key, http.MethodGet, "/users?created_from=2024-06-01&created_to=2024-01-01", nil)
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if !fieldErrors(r)["created_to"] {
		t.Errorf("API 422 names %v, want created_to", fieldErrors(r))
	}
	// Invalid UTF-8 is refused before any handler: a 422, not a 500.
	wantStatus(t, c.get("/users?domain=%ff%fe.net"), http.StatusUnprocessableEntity)
	r = env.call(key, http.MethodGet, "/users?domain=%ff%fe.net", nil)
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if !fieldErrors(r)["domain"] {
		t.Errorf("API 422 for invalid UTF-8 names %v, want domain", fieldErrors(r))
	}
	// The report refuses what the API list refuses.
	if r := env.call(key, http.MethodGet, "/reports/user-permissions?format=csv&inactive=x", nil); r.status != http.StatusUnprocessableEntity {
		t.Errorf("API report with inactive=x: status %d, want 422", r.status)
	}
}

// TestIssue16CreatedSortsFromItsHeader: Created is a column header that
// sorts both ways (it was a link in the pager footer).
func TestIssue16CreatedSortsFromItsHeader(t *testing.T) {
	t.Parallel()
	env, _, _ := filterWorld(t)
	c := env.signedIn("admin@acme.test")
	page := c.get("/users")
	th := page.doc.Find("#users-table thead th").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find("#sort-created").Length() == 1
	})
	if th.Length() != 1 {
		t.Fatalf("no Created column header with its sort link")
	}
	if page.doc.Find("nav.pager #sort-created, .sort-created").Length() != 0 {
		t.Error("the Created sort is still in the pager footer")
	}
	if s, _ := th.Attr("aria-sort"); s != "none" {
		t.Errorf("Created header aria-sort = %q before sorting", s)
	}
	href, _ := th.Find("#sort-created").Attr("href")
	asc := c.get(href)
	if got := tableLogins(asc); !slices.Equal(got, []string{"ann", "ben", "cat", "dan"}) {
		t.Errorf("Created ascending (%s): %v", href, got)
	}
	th = asc.doc.Find("#sort-created").Parent()
	if s, _ := th.Attr("aria-sort"); s != "ascending" {
		t.Errorf("after sorting, aria-sort = %q, want ascending", s)
	}
	href, _ = th.Find("#sort-created").Attr("href")
	desc := c.get(href, htmx("users-table")...)
	if got := tableLogins(desc); !slices.Equal(got, []string{"dan", "cat", "ben", "ann"}) {
		t.Errorf("Created descending (%s): %v", href, got)
	}
	if s, _ := desc.doc.Find("#sort-created").Parent().Attr("aria-sort"); s != "descending" {
		t.Errorf("second click: aria-sort = %q, want descending", s)
	}
	// Each row shows its creation time in that column.
	if n := desc.doc.Find("#users-table tbody td.created").Length(); n != 5 {
		t.Errorf("%d Created cells, want 5", n)
	}
}

// TestIssue16FiltersBrowser: typing a bad domain into the filter bar shows
// its message beside the field after the htmx swap (out of band), a good one
// narrows the table; at 390 px the page, filter bar included, does not
// scroll sideways. I16SIGNIN_SHOTS=dir saves screenshots.
func TestIssue16FiltersBrowser(t *testing.T) {
	env, _, _ := filterWorld(t)
	ctx := browser(t)
	shot := func(name string) {
		dir := os.Getenv("I16SIGNIN_SHOTS")
		if dir == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		_ = os.MkdirAll(dir, 0o755)
		_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
	step(t, ctx, "sign in",
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(env.srv.URL+"/users"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"))
	waitFor(t, ctx, "the users table", `document.querySelectorAll('#users-table tbody tr').length === 5`)
	step(t, ctx, "a bad domain", chromedp.SendKeys(chromedp.CSS("#filter-domain"), "exa mple\t"))
	waitFor(t, ctx, "its message beside the field", `document.querySelector('#filter-err-domain').textContent.includes('Not an email domain')`)
	shot("1440-bad-domain")
	evalString(t, ctx, `(document.querySelector('#filter-domain').value = '', '')`)
	step(t, ctx, "a good domain",
		chromedp.SendKeys(chromedp.CSS("#filter-domain"), "example.net\t"))
	waitFor(t, ctx, "the table narrowed and the message gone", `document.querySelectorAll('#users-table tbody tr').length === 2 &&
		document.querySelector('#filter-err-domain').textContent === ''`)
	step(t, ctx, "narrow", chromedp.EmulateViewport(390, 844), chromedp.Navigate(env.srv.URL+"/users?domain=example.net&inactive=90&created_from=2024-01-01"))
	waitFor(t, ctx, "the filtered table", `document.querySelectorAll('#users-table tbody tr').length === 1`)
	if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
		t.Errorf("the users page scrolls sideways at 390 px (%s px wide)", evalString(t, ctx, `String(document.documentElement.scrollWidth)`))
	}
	if w := evalString(t, ctx, `String(document.querySelector('#filters').getBoundingClientRect().right <= window.innerWidth)`); w != "true" {
		t.Error("the filter bar is wider than the phone")
	}
	shot("390-filters")
}
