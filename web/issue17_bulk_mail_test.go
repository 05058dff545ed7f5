package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestIssue17_BulkResendKeepsTheMailLimit (review F3): the limit of links
// mailed to one address holds for bulk actions as for the sidebar's button.
// Five resends in an hour go out; the sixth job skips the person with the
// reason, mails nothing, and the sidebar's own button then refuses with the reason.
func TestIssue17_BulkResendKeepsTheMailLimit(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	boss := env.user("boss@acme.test", "standard", "active", "user_manager", "member")
	pending := env.user("pend@acme.test", "standard", "pending", "member")
	key, _ := env.keyFor(boss, time.Time{})
	reason := func(job any) string {
		items := env.call(key, "GET", fmt.Sprintf("/jobs/%v/items", job), nil)
		wantAPI(t, items, http.StatusOK)
		list, _ := items.body["items"].([]any)
		if len(list) != 1 {
			t.Fatalf("items %s", items.raw)
		}
		it := list[0].(map[string]any)
		return fmt.Sprint(it["outcome"], " ", it["reason_key"])
	}
	for i := range 6 {
		r := env.call(key, "POST", "/jobs", map[string]any{"action": "resend_invitation", "ids": []int64{pending.ID}})
		wantAPI(t, r, http.StatusAccepted)
		env.jobDone()
		got := reason(r.body["id"])
		want := "done "
		if i == 5 {
			want = "skipped err_mail_throttled_short"
		}
		if got != want {
			t.Fatalf("resend %d: item %q, want %q", i+1, got, want)
		}
	}
	mails, err := env.st.OutboxFiltered(context.Background(), env.tenant.ID, store.MailFilter{To: "pend@acme.test"}, 0, 100)
	if err != nil || len(mails) != 5 {
		t.Fatalf("%d mails to the address (%v), want 5: the sixth is over the limit", len(mails), err)
	}
	c := env.signedIn("boss@acme.test")
	res := c.post("/users/"+id(pending)+"/resend", nil, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Selection), "Too many emails were sent for this address") {
		t.Errorf("the sidebar's resend over the limit does not say why")
	}
}
