package store_test

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

func sortKey(sort string, a store.Account) any {
	switch sort {
	case "name":
		return store.SortName(a.FirstName, a.LastName)
	case "email":
		return a.Email
	case "last_active":
		if a.LastActiveAt.IsZero() {
			return int64(0)
		}
		return a.LastActiveAt.Unix()
	default:
		return a.CreatedAt.Unix()
	}
}

func compareRows(sort string, a, b store.Account) int {
	var c int
	switch ka := sortKey(sort, a).(type) {
	case string:
		c = cmp.Compare(ka, sortKey(sort, b).(string))
	case int64:
		c = cmp.Compare(ka, sortKey(sort, b).(int64))
	}
	if c == 0 {
		c = cmp.Compare(a.ID, b.ID)
	}
	return c
}

func ids(accounts []store.Account) []int64 {
	out := make([]int64, len(accounts))
	for i, a := range accounts {
		out[i] = a.ID
	}
	return out
}

func TestListUsersKeysetPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	want := seedPaging(t, st, tn.ID, roles["member"], 250) // 225 shown

	for _, sort := range []string{"name", "email", "last_active", "created"} {
		for _, desc := range []bool{false, true} {
			// Reference order: one page holding everything, checked against Go's sort.
			all, err := st.ListUsers(ctx, tn.ID, store.UserFilter{Sort: sort, Desc: desc, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(all.Accounts) != want || all.Next != "" || all.Prev != "" {
				t.Fatalf("%s desc=%v: one big page has %d accounts (next %q, prev %q), want %d and no cursors",
					sort, desc, len(all.Accounts), all.Next, all.Prev, want)
			}
			if !slices.IsSortedFunc(all.Accounts, func(a, b store.Account) int {
				if desc {
					return compareRows(sort, b, a)
				}
				return compareRows(sort, a, b)
			}) {
				t.Fatalf("%s desc=%v: rows not ordered by (%s, id)", sort, desc, sort)
			}
			for _, limit := range []int{7, 25} { // 25: the last page is full
				t.Run(fmt.Sprintf("%s/desc=%v/limit=%d", sort, desc, limit), func(t *testing.T) {
					walkPages(t, st, tn.ID, store.UserFilter{Sort: sort, Desc: desc, Limit: limit}, ids(all.Accounts))
				})
			}
		}
	}
}

// walkPages walks forward with Next, checks the pages cover want exactly once
// in order, then walks back with Prev from the last page and checks it meets
// the same pages.
func walkPages(t *testing.T, st *store.Store, tenantID int64, f store.UserFilter, want []int64) {
	t.Helper()
	ctx := context.Background()
	list := func(f store.UserFilter) store.UserPage {
		t.Helper()
		before := st.Statements()
		p, err := st.ListUsers(ctx, tenantID, f)
		if err != nil {
			t.Fatalf("ListUsers(%+v): %v", f, err)
		}
		want := int64(1)
		if f.Query != "" && f.Sort != "last_active" {
			want = 2 // a search first counts its first word's matches, at most denseLimit
		}
		if n := st.Statements() - before; n != want {
			t.Errorf("a page cost %d statements, want %d", n, want)
		}
		return p
	}

	var pages []store.UserPage
	var seen []int64
	for p := list(f); ; {
		pages = append(pages, p)
		seen = append(seen, ids(p.Accounts)...)
		if len(pages) == 1 && p.Prev != "" {
			t.Errorf("first page has a Prev cursor")
		}
		if len(pages) > 1 && p.Prev == "" {
			t.Errorf("page %d has no Prev cursor", len(pages))
		}
		if p.Next == "" {
			break
		}
		if len(p.Accounts) != f.Limit {
			t.Fatalf("page %d has %d rows and a Next cursor, want %d", len(pages), len(p.Accounts), f.Limit)
		}
		if len(pages) > len(want) {
			t.Fatal("paging does not end")
		}
		g := f
		g.After = p.Next
		p = list(g)
	}
	if !slices.Equal(seen, want) {
		t.Fatalf("forward walk visited %d rows, want each of %d exactly once in order", len(seen), len(want))
	}
	if wantPages := (len(want) + f.Limit - 1) / f.Limit; len(pages) != wantPages {
		t.Errorf("forward walk took %d pages, want %d", len(pages), wantPages)
	}

	p := pages[len(pages)-1]
	for i := len(pages) - 2; i >= 0; i-- {
		if p.Prev == "" {
			t.Fatalf("page %d has no Prev cursor", i+2)
		}
		g := f
		g.Before = p.Prev
		p = list(g)
		if !slices.Equal(ids(p.Accounts), ids(pages[i].Accounts)) {
			t.Fatalf("walking back, page %d differs from the forward walk", i+1)
		}
		if p.Next == "" {
			t.Errorf("walking back, page %d has no Next cursor", i+1)
		}
	}
	if p.Prev != "" {
		t.Errorf("walking back reached the first page, but it still has a Prev cursor")
	}
}

func TestListUsersBadCursor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	seedPaging(t, st, tn.ID, roles["member"], 20)
	first, err := st.ListUsers(ctx, tn.ID, store.UserFilter{Sort: "name", Limit: 5})
	if err != nil || first.Next == "" {
		t.Fatalf("first page: %+v, %v", first, err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	tests := []struct {
		name string
		f    store.UserFilter
	}{
		{"not base64", store.UserFilter{After: "%%%not a cursor"}},
		{"no separator", store.UserFilter{After: b64([]byte("garbage"))}},
		{"id not a number", store.UserFilter{After: b64([]byte("abc:dupont"))}},
		{"bad before", store.UserFilter{Before: "!!"}},
		{"name cursor on a numeric sort", store.UserFilter{Sort: "created", After: first.Next}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.ListUsers(ctx, tn.ID, tt.f)
			wantErr(t, err, store.ErrBadCursor)
		})
	}
}

// TestListUsersSearchPaging: a search sorts and pages on its own rows; every
// sort, both directions, gives the matching subset of the unsearched order.
func TestListUsersSearchPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	seedPaging(t, st, tn.ID, roles["member"], 250)
	for _, plan := range []struct {
		name  string
		limit int
	}{{"sorted matches", 1_000_000}, {"walk accounts", 1}} {
		st.SetDenseLimit(plan.limit)
		for _, sort := range []string{"name", "email", "last_active", "created"} {
			for _, desc := range []bool{false, true} {
				all, err := st.ListUsers(ctx, tn.ID, store.UserFilter{Sort: sort, Desc: desc, Limit: 500, ShowDeactivated: true})
				if err != nil {
					t.Fatal(err)
				}
				var want []int64
				for _, a := range all.Accounts {
					if store.Fold(a.LastName) == "dupont" {
						want = append(want, a.ID)
					}
				}
				f := store.UserFilter{Query: "DUPO", Sort: sort, Desc: desc, Limit: 500, ShowDeactivated: true}
				got, err := st.ListUsers(ctx, tn.ID, f)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(ids(got.Accounts), want) || len(want) < 50 {
					t.Fatalf("%s desc=%v: search gave %d rows, want the %d matching rows in the same order", sort, desc, len(got.Accounts), len(want))
				}
				f.Limit = 7
				t.Run(fmt.Sprintf("%s/%s/desc=%v", plan.name, sort, desc), func(t *testing.T) { walkPages(t, st, tn.ID, f, want) })
			}
		}
	}
	st.SetDenseLimit(1_000_000)
	// Filters apply to the search rows too, and follow status changes.
	mustCreate(t, st, tn.ID, person("boss", "admin", "active"))
	p, _ := st.ListUsers(ctx, tn.ID, store.UserFilter{Query: "dupont", Limit: 500})
	victim := p.Accounts[0]
	if _, err := st.SetStatus(ctx, actor(tn.ID), victim.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	after, _ := st.ListUsers(ctx, tn.ID, store.UserFilter{Query: "dupont", Limit: 500})
	if slices.Contains(ids(after.Accounts), victim.ID) || len(after.Accounts) != len(p.Accounts)-1 {
		t.Fatal("a deactivated account still shows in a search that hides deactivated accounts")
	}
	only, _ := st.ListUsers(ctx, tn.ID, store.UserFilter{Query: "dupont", Status: "deactivated", Limit: 500})
	if len(only.Accounts) != 1 || only.Accounts[0].ID != victim.ID {
		t.Fatalf("status filter on a search: %v", ids(only.Accounts))
	}
}
