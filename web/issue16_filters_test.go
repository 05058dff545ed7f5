package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

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
