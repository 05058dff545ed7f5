package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestIssue16_GroupBulkBounds: deleting a group and removing every matching
// member each run in one transaction, so both stop at store.MaxBulkMembers
// people: beyond it the page says why (422) and the API answers 409,
// naming the bound, and nothing changes.
func TestIssue16_GroupBulkBounds(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	g := env.group("Everyone")
	ids := env.seedUsers("Bulk", store.MaxBulkMembers+1)
	for i := 0; i < len(ids); i += 1000 {
		if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, ids[i:min(i+1000, len(ids))]); err != nil {
			t.Fatal(err)
		}
	}
	n := store.MaxBulkMembers + 1
	c := env.signedIn("admin@acme.test")
	res := c.post(fmt.Sprintf("/groups/%d/delete", g.ID), url.Values{"confirm_members": {strconv.Itoa(n)}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "more than 5,000 members") {
		t.Fatalf("the too-large delete does not say why:\n%s", snippet(res.body))
	}
	key, _ := env.keyFor(env.admin, time.Time{})
	api := env.call(key, "DELETE", fmt.Sprintf("/groups/%d?confirm_members=%d", g.ID, n), nil)
	if api.status != http.StatusConflict || !strings.Contains(api.raw, "5,000") {
		t.Fatalf("API delete of a too-large group: %d %s", api.status, api.raw)
	}
	res = c.post(fmt.Sprintf("/groups/%d/members/remove", g.ID), url.Values{"all_matching": {"1"}, "mq": {"bulk"}, "expect": {strconv.Itoa(n)}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if env.members(g) != n {
		t.Fatalf("a refused bulk change left %d members, want %d", env.members(g), n)
	}
}
