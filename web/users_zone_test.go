package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// A person made without a time zone follows the tenant's: the form says
// which it is, the account keeps none, and its pages show times in the
// tenant's zone.
func TestUserWithoutTimeZoneFollowsTheTenant(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	if _, err := env.st.UpdateTenant(ctx, store.Actor{TenantID: env.tenant.ID}, env.tenant.ID,
		store.TenantChange{Name: env.tenant.Name, TimeZone: "Asia/Tokyo", Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	form := c.get("/users/new", htmx("sidebar")...)
	if ph, _ := form.doc.Find("#time_zone").Attr("placeholder"); !strings.Contains(ph, "Asia/Tokyo") {
		t.Fatalf("the time zone field does not say the tenant's zone: %q", ph)
	}
	res := c.post("/users", url.Values{"login": {"kenji"}, "first_name": {"Kenji"}, "last_name": {"Sato"},
		"email": {"kenji@acme.test"}, "language": {"en"}, "time_zone": {""}, "currency": {""}, "user_type": {"standard"},
		"auth_method": {"password"}, "password": {"a long enough passphrase"}, "status": {"active"},
		"role": {fmt.Sprint(env.roles["auditor"])}}, htmx("sidebar")...)
	if res.StatusCode >= 400 {
		t.Fatalf("create without a time zone: %d\n%s", res.StatusCode, snippet(res.body))
	}
	var a store.Account
	if a, _ = env.accountByEmail("kenji@acme.test"); a.ID == 0 || a.TimeZone != "" || a.Currency != "USD" {
		t.Fatalf("account %+v: want no time zone of its own and USD", a)
	}
	kenji := env.signedIn2(t, "kenji@acme.test", "a long enough passphrase")
	page := kenji.get("/audit")
	wantStatus(t, page, http.StatusOK)
	// The sign-in just audited: shown in Tokyo's time (UTC+9), not UTC.
	ev := page.doc.Find("tbody time").First()
	utc, _ := ev.Attr("datetime")
	if len(utc) < 16 || len(strings.TrimSpace(ev.Text())) < 16 {
		t.Fatalf("no event time listed:\n%s", snippet(page.body))
	}
	if shown := strings.TrimSpace(ev.Text()); utc[11:16] == shown[11:16] {
		t.Fatalf("time shown %q is the UTC one %q: the tenant's zone is not used", shown, utc)
	}
}
