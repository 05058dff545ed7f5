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

	"github.com/console-dev/console/store"
)

// manyIDs is n ids counting up from first.
func manyIDs(first int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = first + int64(i)
	}
	return out
}

func idValues(form url.Values, field string, ids []int64) url.Values {
	for _, id := range ids {
		form.Add(field, fmt.Sprint(id))
	}
	return form
}

// TestConsoleIDListLimit: a list of more than 1,000 ids in a console form is
// refused with 422 and a message naming the field before any query, whether
// it has 1,001 entries or 100,000 (past Go's 10,000 form fields); duplicates
// are merged and work.
func TestConsoleIDListLimit(t *testing.T) {
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	sales := env.group("Sales")
	admin := env.signedIn("admin@acme.test")
	ctx := context.Background()
	events := func() int {
		ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{})
		return len(ev)
	}
	before := events()
	for _, n := range []int{1001, 100_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			res := admin.post("/users/"+id(bob)+"/roles", idValues(url.Values{}, "role", manyIDs(env.roles["member"], n)), htmx("roles")...)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if !strings.Contains(res.body, "“role” lists more than 1,000 values") {
				t.Fatalf("roles refusal:\n%s", snippet(res.body))
			}
			res = admin.post("/groups/members", idValues(url.Values{"group_id": {fmt.Sprint(sales.ID)}}, "account_id",
				manyIDs(bob.ID, n)), groupsTarget()...)
			if n > 50_000 {
				// 100,000 "account_id=…" fields pass the 1.1 MB body limit: refused whole, unread.
				wantStatus(t, res, http.StatusRequestEntityTooLarge)
				return
			}
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if !strings.Contains(res.body, "“account_id” lists more than 1,000 values") {
				t.Fatalf("members refusal:\n%s", snippet(res.body))
			}
		})
	}
	if held := env.directRoles(bob.ID); !slices.Equal(held, []int64{env.roles["member"]}) {
		t.Fatalf("roles after refusals: %v", held)
	}
	if env.members(sales) != 0 || events() != before {
		t.Fatalf("a refused list wrote: %d members, %d events", env.members(sales), events()-before)
	}

	// Duplicates are merged: the role once, the member once.
	dup := url.Values{"role": {fmt.Sprint(env.roles["auditor"]), fmt.Sprint(env.roles["auditor"])}}
	wantStatus(t, admin.post("/users/"+id(bob)+"/roles", dup, htmx("roles")...), http.StatusOK)
	if held := env.directRoles(bob.ID); !slices.Equal(held, []int64{env.roles["auditor"]}) {
		t.Fatalf("roles after duplicates: %v", held)
	}
	wantStatus(t, admin.post("/groups/members", pick(sales, bob.ID, bob.ID), groupsTarget()...), http.StatusOK)
	if env.members(sales) != 1 {
		t.Fatalf("members after duplicates: %d", env.members(sales))
	}
}

// TestAPIIDListLimit: the same limit for JSON bodies: 1,001 or 100,000 role
// or group ids get a 422 problem naming the field, before any query (no
// query per group), and nothing is written; duplicates are merged and work.
func TestAPIIDListLimit(t *testing.T) {
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	key, _ := env.keyFor(env.admin, time.Time{})
	ctx := context.Background()
	for _, n := range []int{1001, 100_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			res := env.call(key, http.MethodPut, "/users/"+id(bob)+"/roles", map[string]any{"role_ids": manyIDs(env.roles["member"], n)})
			wantAPI(t, res, http.StatusUnprocessableEntity)
			if !fieldErrors(res)["role_ids"] || !strings.Contains(res.raw, "“role_ids” lists more than 1,000 values") {
				t.Fatalf("role_ids refusal: %s", snippet(res.raw))
			}
			res = env.call(key, http.MethodPost, "/service-accounts", map[string]any{"name": "Bulk bot", "group_ids": manyIDs(1, n)})
			wantAPI(t, res, http.StatusUnprocessableEntity)
			if !fieldErrors(res)["group_ids"] {
				t.Fatalf("group_ids refusal: %s", snippet(res.raw))
			}
			res = env.call(key, http.MethodPost, "/users", map[string]any{"login": "many", "first_name": "M", "last_name": "Any",
				"email": "many@acme.test", "password": testPassword, "role_ids": manyIDs(1, n)})
			wantAPI(t, res, http.StatusUnprocessableEntity)
			if !fieldErrors(res)["role_ids"] {
				t.Fatalf("create refusal: %s", snippet(res.raw))
			}
		})
	}
	if held := env.directRoles(bob.ID); !slices.Equal(held, []int64{env.roles["member"]}) {
		t.Fatalf("roles after refusals: %v", held)
	}
	if _, ok := env.accountByEmail("many@acme.test"); ok {
		t.Fatal("a refused list created a user")
	}
	if n, _ := env.st.AuditCount(ctx, "service_account.create"); n != 0 {
		t.Fatal("a refused list created a service account")
	}

	// Duplicates are merged.
	auditor := env.roles["auditor"]
	res := env.call(key, http.MethodPut, "/users/"+id(bob)+"/roles", map[string]any{"role_ids": []int64{auditor, auditor, auditor}})
	wantAPI(t, res, http.StatusOK)
	if held := env.directRoles(bob.ID); !slices.Equal(held, []int64{auditor}) {
		t.Fatalf("roles after duplicates: %v", held)
	}
	res = env.call(key, http.MethodPost, "/users", map[string]any{"login": "dup", "first_name": "D", "last_name": "Up",
		"email": "dup@acme.test", "password": testPassword, "role_ids": []int64{auditor, auditor}})
	wantAPI(t, res, http.StatusCreated)
}
