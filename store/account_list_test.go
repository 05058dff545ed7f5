package store_test

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func TestListUsersFilters(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	other, otherRoles := newTenant(t, st, "other", 0)
	for _, n := range []store.NewAccount{
		person("ann", "standard", "active", roles["member"]),
		person("bob", "standard", "active"), // no role: public, hidden by default
		person("cat", "admin", "active"),    // admin without roles: shown
		person("dan", "standard", "deactivated", roles["member"]),
		person("eve", "read_only", "pending", roles["auditor"]),
		person("fay", "standard", "active", roles["user_manager"], roles["member"]),
		person("gus", "read_only", "deactivated"),
	} {
		mustCreate(t, st, tn.ID, n)
	}
	bot := person("bot", "standard", "active", roles["member"])
	bot.Kind, bot.Email = "service", ""
	mustCreate(t, st, tn.ID, bot)
	mustCreate(t, st, other.ID, person("ann", "standard", "active", otherRoles["member"]))
	mustCreate(t, st, other.ID, person("zed", "admin", "active", otherRoles["member"]))

	tests := []struct {
		name string
		f    store.UserFilter
		want []string
	}{
		{"default hides no-role and deactivated", store.UserFilter{}, []string{"ann", "cat", "eve", "fay"}},
		{"include no role", store.UserFilter{IncludeNoRole: true}, []string{"ann", "bob", "cat", "eve", "fay"}},
		{"show deactivated", store.UserFilter{ShowDeactivated: true}, []string{"ann", "cat", "dan", "eve", "fay"}},
		{"everything", store.UserFilter{IncludeNoRole: true, ShowDeactivated: true},
			[]string{"ann", "bob", "cat", "dan", "eve", "fay", "gus"}},
		{"status active", store.UserFilter{Status: "active"}, []string{"ann", "cat", "fay"}},
		{"status deactivated", store.UserFilter{Status: "deactivated"}, []string{"dan"}},
		{"status deactivated with no role", store.UserFilter{Status: "deactivated", IncludeNoRole: true}, []string{"dan", "gus"}},
		{"status pending", store.UserFilter{Status: "pending"}, []string{"eve"}},
		{"type admin", store.UserFilter{UserType: "admin"}, []string{"cat"}},
		{"type read_only", store.UserFilter{UserType: "read_only", IncludeNoRole: true, ShowDeactivated: true}, []string{"eve", "gus"}},
		{"type standard", store.UserFilter{UserType: "standard"}, []string{"ann", "fay"}},
		{"role member", store.UserFilter{RoleID: roles["member"]}, []string{"ann", "fay"}},
		{"role member with deactivated", store.UserFilter{RoleID: roles["member"], ShowDeactivated: true}, []string{"ann", "dan", "fay"}},
		{"role user manager", store.UserFilter{RoleID: roles["user_manager"]}, []string{"fay"}},
		{"another tenant's role", store.UserFilter{RoleID: otherRoles["member"], IncludeNoRole: true}, nil},
		{"role and type", store.UserFilter{RoleID: roles["auditor"], UserType: "standard"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := logins(t, st, tn.ID, tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("ListUsers(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		})
	}
	t.Run("other tenant sees only its own", func(t *testing.T) {
		got := logins(t, st, other.ID, store.UserFilter{IncludeNoRole: true, ShowDeactivated: true})
		if !slices.Equal(got, []string{"ann", "zed"}) {
			t.Errorf("other tenant lists %v", got)
		}
	})
}

func TestListUsersSearch(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	other, otherRoles := newTenant(t, st, "other", 0)
	people := []struct{ login, first, last, email string }{
		{"edupont", "Élodie", "Dupont", "elodie.dupont@example.com"},
		{"emartin", "Élodie", "Martin", "e.martin@example.org"},
		{"sean", "Seán", "O'Brien", "sean@example.net"},
		{"jbf", "Jean-Baptiste", "de la Fontaine", "jb@example.fr"},
		{"thao", "Thảo", "Nguyễn", "t.n@example.vn"},
		{"s.larsen", "Søren", "Larsen", "s.l@example.dk"},
		{"lkowal", "Łukasz", "Kowal", "l.k@example.pl"},
	}
	for _, p := range people {
		n := person(p.login, "standard", "active", roles["member"])
		n.FirstName, n.LastName, n.Email = p.first, p.last, p.email
		mustCreate(t, st, tn.ID, n)
	}
	elsewhere := person("elodie", "standard", "active", otherRoles["member"])
	elsewhere.FirstName = "Élodie"
	mustCreate(t, st, other.ID, elsewhere)

	tests := []struct {
		query string
		want  []string
	}{
		{"elo", []string{"edupont", "emartin"}},
		{"ÉLO", []string{"edupont", "emartin"}},
		{"  Elodie  ", []string{"edupont", "emartin"}},
		{"élodie dup", []string{"edupont"}},
		{"dup elo", []string{"edupont"}},
		{"elo nobody", nil},
		{"upont", nil}, // prefixes, not substrings
		{"obrien", []string{"sean"}},
		{"O'Brien", []string{"sean"}},
		{"o'bri", []string{"sean"}},
		{"brien", []string{"sean"}},
		{"sean", []string{"sean"}},
		{"baptiste", []string{"jbf"}},
		{"jean-bap", []string{"jbf"}},
		{"fontaine", []string{"jbf"}},
		{"nguyen", []string{"thao"}},
		{"NGUYỄN tha", []string{"thao"}},
		{"EDUP", []string{"edupont"}},        // login
		{"e.martin@ex", []string{"emartin"}}, // whole email
		{"elodie.dupont@example.com", []string{"edupont"}},
		{"", []string{"edupont", "emartin", "jbf", "lkowal", "s.larsen", "sean", "thao"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := logins(t, st, tn.ID, store.UserFilter{Query: tt.query}); !slices.Equal(got, tt.want) {
				t.Errorf("search %q = %v, want %v", tt.query, got, tt.want)
			}
		})
	}

	// Letters with a stroke have no Unicode decomposition, so stripping
	// combining marks alone does not fold them; a reader typing on an English
	// keyboard still expects "soren" to find Søren.
	for _, tt := range []struct{ query, want string }{{"soren", "s.larsen"}, {"lukasz", "lkowal"}} {
		t.Run("stroke letters/"+tt.query, func(t *testing.T) {
			if got := logins(t, st, tn.ID, store.UserFilter{Query: tt.query}); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("search %q = %v, want [%s]", tt.query, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Élodie":         "elodie",
		"NGUYỄN":         "nguyen",
		"François Côté":  "francois cote",
		"O'Brien":        "o'brien",
		"Zoë":            "zoe",
		"already folded": "already folded",
	}
	for in, want := range tests {
		if got := store.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	// Accented names sort among their letters, not after "z".
	names := []string{store.SortName("Zoë", "Zola"), store.SortName("Émile", "Émond"), store.SortName("Anne", "Eyre")}
	if !slices.IsSorted([]string{names[1], names[2], names[0]}) {
		t.Errorf("sort names out of order: %q", names)
	}
}

// seedPaging seeds n accounts with many equal names, activity and creation
// times, so paging has to break ties by id; every tenth has no role and is
// hidden by the default filter. It returns how many the default filter shows.
func seedPaging(t *testing.T, st *store.Store, tenantID, roleID int64, n int) int {
	t.Helper()
	firsts := []string{"Élodie", "Anne", "zoë", "Émile", "Bob"}
	lasts := []string{"Dupont", "O'Brien", "Ménard", "dupont"}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var seeds []store.SeedAccount
	shown := 0
	for i := range n {
		first, last := firsts[i%len(firsts)], lasts[(i/3)%len(lasts)]
		s := store.SeedAccount{
			NewAccount: store.NewAccount{
				Profile: store.Profile{FirstName: first, LastName: last, Email: fmt.Sprintf("u%03d.%s@example.test", (i*37)%n, store.Fold(last)),
					Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
				Login: fmt.Sprintf("user%03d", i), Status: "active", AuthMethod: "password",
			},
			CreatedAt: base.Add(time.Duration(i%11) * time.Hour),
		}
		if i%4 != 0 { // a quarter never signed in
			s.LastActiveAt = base.Add(time.Duration(100+i%13) * time.Hour)
		}
		if i%10 == 0 {
			s.UserType = "read_only"
		} else {
			s.RoleIDs = []int64{roleID}
			shown++
		}
		seeds = append(seeds, s)
	}
	if err := st.Seed(context.Background(), actor(tenantID), seeds); err != nil {
		t.Fatal(err)
	}
	return shown
}

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
