package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestIssue16_RelativeTimes: the users table says how long ago a person was
// active ("3 days ago", "il y a 3 jours"), with the exact time, its offset and
// the viewer's zone on hover and in the machine-readable datetime.
func TestIssue16_RelativeTimes(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	zoe := env.user("zoe@acme.test", "standard", "active", "member")
	ago := time.Now().Add(-3*24*time.Hour - time.Hour).Truncate(time.Second)
	if err := env.st.TouchActive(context.Background(), zoe.ID, ago); err != nil {
		t.Fatal(err)
	}
	pf := profileOf(env.admin, env.admin.FirstName, env.admin.LastName)
	pf.TimeZone = "Europe/Paris"
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), env.admin.ID, pf); err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	cell := func(_ string) (string, string, string) {
		c := env.signedIn("admin@acme.test")
		tm := c.get("/users?q=zoe").doc.Find(fmt.Sprintf("#user-%d td.last-active > time", zoe.ID))
		title, _ := tm.Attr("title")
		dt, _ := tm.Attr("datetime")
		return text(tm), title, dt
	}
	got, title, dt := cell("en")
	if got != "3 days ago" {
		t.Fatalf("last active %q, want 3 days ago", got)
	}
	want := ago.In(paris).Format("2006-01-02 15:04:05 -07:00") + " (Europe/Paris)"
	if title != want {
		t.Fatalf("hover title %q, want %q", title, want)
	}
	if dt != ago.UTC().Format(time.RFC3339) {
		t.Fatalf("datetime %q", dt)
	}
	env.french(env.admin)
	if got, _, _ := cell("fr"); got != "il y a 3 jours" {
		t.Fatalf("French last active %q", got)
	}
	// Long ago is a date, never is a word.
	olga := env.user("olga@acme.test", "standard", "active", "member")
	old := time.Now().AddDate(0, -3, 0)
	if err := env.st.TouchActive(context.Background(), olga.ID, old); err != nil {
		t.Fatal(err)
	}
	tm := env.signedIn("admin@acme.test").get("/users?q=olga").doc.Find(fmt.Sprintf("#user-%d td.last-active > time", olga.ID))
	if got := text(tm); got != old.In(paris).Format("2006-01-02") {
		t.Fatalf("three months ago shows %q", got)
	}
	env.user("new@acme.test", "standard", "active", "member")
	row := text(env.signedIn("admin@acme.test").get("/users?q=new%40acme").doc.Find("tbody tr"))
	if !strings.Contains(row, "Jamais") {
		t.Fatalf("never active shows %q", row)
	}
}
