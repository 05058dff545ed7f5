package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestIssue16_SearchSaysWhoItHides (defect 1): searching the exact login of
// a deactivated person or of a person without a role says how many more
// match among the people the view hides, and its link shows them, with the
// filters saying so; one Status control, whose "Everyone" is status=all.
func TestIssue16_SearchSaysWhoItHides(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("gone.durand@acme.test", "standard", "deactivated", "member")
	env.user("nora.durand@acme.test", "standard", "active") // no role
	env.user("max.durand@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")

	res := c.get("/users?q=gone.durand")
	wantStatus(t, res, http.StatusOK)
	if got := rowNames(res); len(got) != 0 {
		t.Fatalf("the default view shows %v for a deactivated login", got)
	}
	hint := strings.Join(strings.Fields(res.doc.Find("#hidden-matches").Text()), " ")
	if hint != "Also matching: 1 deactivated person Show them" {
		t.Fatalf("hint %q, want it to name the deactivated match", hint)
	}
	link, _ := res.doc.Find("#hidden-matches a").Attr("href")
	u, err := url.Parse(link)
	if err != nil || u.Query().Get("status") != "all" || u.Query().Get("q") != "gone.durand" {
		t.Fatalf("show-them link %q: want the same search with status=all", link)
	}
	shown := c.get(link)
	if got := rowNames(shown); strings.Join(got, ",") != "Gone.durand Tester" {
		t.Fatalf("show-them rows %v", got)
	}
	if v, _ := shown.doc.Find("#filter-status option[selected]").Attr("value"); v != "all" {
		t.Fatalf("after show them, the Status control says %q, want all (Everyone)", v)
	}
	if shown.doc.Find(`input[name="deactivated"]`).Length() != 0 {
		t.Fatal("a Show deactivated checkbox still overlaps the Status control")
	}

	res = c.get("/users?q=durand")
	hint = strings.Join(strings.Fields(res.doc.Find("#hidden-matches").Text()), " ")
	if got := rowNames(res); strings.Join(got, ",") != "Max.durand Tester" ||
		hint != "Also matching: 1 deactivated person and 1 person without a role Show them" {
		t.Fatalf("q=durand: rows %v, hint %q", got, hint)
	}
	link, _ = res.doc.Find("#hidden-matches a").Attr("href")
	if got := rowNames(c.get(link)); len(got) != 3 {
		t.Fatalf("show them for durand: rows %v, want all three", got)
	}

	// Nothing is hidden once the filters show everyone, nor without a search.
	for _, q := range []string{"/users?q=durand&status=all&norole=1", "/users?q=durand&deactivated=1&norole=1", "/users"} {
		if n := c.get(q).doc.Find("#hidden-matches").Length(); n != 0 {
			t.Errorf("%s: a hidden-matches hint where nothing is hidden", q)
		}
	}
	// The older spelling deactivated=1 is read as status=all.
	if got := rowNames(c.get("/users?q=gone.durand&deactivated=1")); len(got) != 1 {
		t.Errorf("deactivated=1 rows %v", got)
	}

	// In French, and bounded: more than 100 is not counted further.
	env.seedUsers("Hidden", 101)
	env.french(env.user("francoise@acme.test", "admin", "active"))
	fr := env.signedIn("francoise@acme.test").get("/users?q=hidden")
	hint = strings.Join(strings.Fields(fr.doc.Find("#hidden-matches").Text()), " ")
	if !strings.Contains(hint, "plus de 100 personnes sans rôle") {
		t.Fatalf("French hint for 101 people without a role: %q", hint)
	}
}

// TestIssue16_SearchFindsFragmentsAndDomains (defect 13): a fragment inside
// a name or login and an email domain find their people, in the console and
// in the API alike.
func TestIssue16_SearchFindsFragmentsAndDomains(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("amelie.belanger@shop.example.net", "standard", "active", "member")
	env.user("zoe.smith1@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	for q, want := range map[string]string{
		"langer":      "Amelie.belanger Tester",
		"example.net": "Amelie.belanger Tester",
		"smith1":      "Zoe.smith1 Tester",
		"mith1":       "Zoe.smith1 Tester",
	} {
		if got := rowNames(c.get("/users?q=" + url.QueryEscape(q))); strings.Join(got, ",") != want {
			t.Errorf("console search %q = %v, want %s", q, got, want)
		}
	}
	key, _ := env.keyFor(env.user("key.holder@acme.test", "admin", "active"), time.Time{})
	res := env.call(key, "GET", "/users?q=example.net", nil)
	if res.status != 200 || !strings.Contains(res.raw, "amelie.belanger@shop.example.net") || strings.Contains(res.raw, "zoe.smith1") {
		t.Fatalf("API search by domain: %d %s", res.status, res.body)
	}
}
