package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestBuiltinRolesAreReadOnly(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	id := env.roles["auditor"]
	res := c.get(fmt.Sprintf("/roles/%d/edit", id))
	wantStatus(t, res, http.StatusForbidden)
	if !strings.Contains(res.doc.Find("main").Text(), "Built-in roles cannot be changed or deleted") {
		t.Fatalf("refusal not explained:\n%s", snippet(res.body))
	}
	res = c.post(fmt.Sprintf("/roles/%d", id), url.Values{"name": {"Auditor"}, "permission": {"users.manage"}})
	wantStatus(t, res, http.StatusForbidden)
	res = c.post(fmt.Sprintf("/roles/%d/delete", id), url.Values{"confirm": {"1"}}, htmx("roles-dialog")...)
	wantStatus(t, res, http.StatusForbidden)
	if !strings.Contains(res.Header.Get("HX-Trigger"), "Built-in roles cannot be changed") {
		t.Fatalf("htmx refusal not told: %q", res.Header.Get("HX-Trigger"))
	}
	r, err := env.st.Role(context.Background(), env.tenant.ID, id)
	if err != nil || slices.Contains(r.Permissions, "users.manage") {
		t.Fatalf("built-in role changed: %+v %v", r, err)
	}
	// Copying a built-in is how to start from one.
	cp := c.get(fmt.Sprintf("/roles/new?from=%d", id))
	wantStatus(t, cp, http.StatusOK)
	if v, _ := cp.doc.Find("#name").Attr("value"); v != "Auditor (copy)" || cp.doc.Find("#perm-audit_view:checked").Length() != 1 {
		t.Fatalf("copy prefilled %q", v)
	}
}
