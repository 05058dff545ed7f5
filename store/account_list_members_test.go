package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

// membersTree is a provider with people pushed down into its customer, who
// also has home people: the customer's table merges both.
type membersTree struct {
	st              *store.Store
	sp, cust        store.Tenant
	spRoles, cRoles map[string]int64
	members         map[string]store.Account
}

func newMembersTree(t *testing.T) membersTree {
	t.Helper()
	ctx := context.Background()
	st := newStore(t)
	sp, spRoles := newTenant(t, st, "sp", 0)
	cust, cRoles := newTenant(t, st, "cust", sp.ID)
	w := membersTree{st: st, sp: sp, cust: cust, spRoles: spRoles, cRoles: cRoles, members: map[string]store.Account{}}
	mustCreate(t, st, sp.ID, person("boss", "admin", "active")) // the provider keeps a manager
	// Home people and members interleave in every order: names, emails, creation.
	for _, login := range []string{"bea", "dan", "fay", "hal", "jo"} {
		mustCreate(t, st, cust.ID, person(login, "standard", "active", cRoles["member"]))
	}
	for _, login := range []string{"ann", "cyd", "eve", "gus", "ivy"} {
		a := mustCreate(t, st, sp.ID, person(login, "standard", "active", spRoles["auditor"]))
		if _, err := st.SetMemberRoles(ctx, actor(cust.ID), a.ID, []int64{cRoles["user_manager"]}); err != nil {
			t.Fatal(err)
		}
		w.members[login] = a
	}
	return w
}

// pages walks the table page by page forwards, then back from the end, and
// returns the logins each way (the backward walk put in forward order).
func pages(t *testing.T, st *store.Store, tenantID int64, f store.UserFilter) (forward, backward []string) {
	t.Helper()
	ctx := context.Background()
	var last store.UserPage
	for {
		p, err := st.ListUsers(ctx, tenantID, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Accounts {
			forward = append(forward, a.Login)
		}
		last = p
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	f.After = ""
	var back [][]string
	for p := last; p.Prev != ""; {
		f.Before = p.Prev
		var err error
		if p, err = st.ListUsers(ctx, tenantID, f); err != nil {
			t.Fatal(err)
		}
		var ls []string
		for _, a := range p.Accounts {
			ls = append(ls, a.Login)
		}
		back = append([][]string{ls}, back...)
	}
	for _, ls := range back {
		backward = append(backward, ls...)
	}
	var lastLogins []string
	for _, a := range last.Accounts {
		lastLogins = append(lastLogins, a.Login)
	}
	return forward, append(backward, lastLogins...)
}

func TestUsersTableMergesHomePeopleAndMembers(t *testing.T) {
	w := newMembersTree(t)
	all := []string{"ann", "bea", "cyd", "dan", "eve", "fay", "gus", "hal", "ivy", "jo"}
	rev := slices.Clone(all)
	slices.Reverse(rev)
	for name, c := range map[string]struct {
		f    store.UserFilter
		want []string
	}{
		"by name, pages of 3":      {store.UserFilter{Limit: 3}, all},
		"by name desc, pages of 4": {store.UserFilter{Limit: 4, Desc: true}, rev},
		"by email, pages of 2":     {store.UserFilter{Limit: 2, Sort: "email"}, all},
		"by created desc":          {store.UserFilter{Limit: 3, Sort: "created", Desc: true}, nil},
		"by last active":           {store.UserFilter{Limit: 3, Sort: "last_active"}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			fwd, back := pages(t, w.st, w.cust.ID, c.f)
			if c.want != nil && !slices.Equal(fwd, c.want) {
				t.Errorf("forward = %v, want %v", fwd, c.want)
			}
			if got := slices.Sorted(slices.Values(fwd)); !slices.Equal(got, all) {
				t.Errorf("forward holds %v, want everyone once: %v", got, all)
			}
			if !slices.Equal(back, fwd) {
				t.Errorf("backward = %v, forward = %v", back, fwd)
			}
		})
	}
	// The provider's own table is its home people only.
	if got := logins(t, w.st, w.sp.ID, store.UserFilter{}); !slices.Equal(got, []string{"ann", "boss", "cyd", "eve", "gus", "ivy"}) {
		t.Errorf("provider's table: %v", got)
	}
}

func TestUsersTableMembersMarkedWithRolesHere(t *testing.T) {
	w := newMembersTree(t)
	ctx := context.Background()
	p, err := w.st.ListUsers(ctx, w.cust.ID, store.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Accounts {
		_, member := w.members[a.Login]
		home, marked := p.Homes[a.ID]
		if member != marked || (member && home != "Sp") {
			t.Errorf("%s: home %q marked %v, member %v", a.Login, home, marked, member)
		}
		want := []int64{w.cRoles["member"]}
		if member {
			want = []int64{w.cRoles["user_manager"]} // the customer's role, not the Auditor of home
		}
		if !slices.Equal(p.RoleIDs[a.ID], want) {
			t.Errorf("%s: roles %v, want %v", a.Login, p.RoleIDs[a.ID], want)
		}
	}
	// The role filter reads the roles held in the tenant acted in.
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{RoleID: w.cRoles["user_manager"]}); !slices.Equal(got, []string{"ann", "cyd", "eve", "gus", "ivy"}) {
		t.Errorf("user managers here: %v", got)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{RoleID: w.spRoles["auditor"]}); len(got) != 0 {
		t.Errorf("the provider's role filters the customer's table: %v", got)
	}
	// A member with no role here waits for access like a home person.
	if _, err := w.st.SetMemberRoles(ctx, actor(w.cust.ID), w.members["eve"].ID, nil); err != nil {
		t.Fatal(err)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{PendingAccess: true}); !slices.Equal(got, []string{"eve"}) {
		t.Errorf("pending access: %v", got)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{}); slices.Contains(got, "eve") {
		t.Errorf("a member without a role here is listed by default: %v", got)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{Query: "eve", IncludeNoRole: true}); !slices.Equal(got, []string{"eve"}) {
		t.Errorf("search with no role: %v", got)
	}
}

// A member's row follows their home account: a rename, a deactivation and
// an Admin type (which counts as Standard in the tenant they are a member of).
func TestUsersTableMembersFollowTheirHomeAccount(t *testing.T) {
	w := newMembersTree(t)
	ctx := context.Background()
	gus := w.members["gus"]
	p := person("gus", "admin", "active").Profile
	p.FirstName, p.LastName = "Zoe", "Zimmer"
	if _, err := w.st.UpdateProfile(ctx, actor(w.sp.ID), gus.ID, p); err != nil {
		t.Fatal(err)
	}
	page, err := w.st.ListUsers(ctx, w.cust.ID, store.UserFilter{Desc: true, Limit: 1})
	if err != nil || len(page.Accounts) != 1 || page.Accounts[0].ID != gus.ID {
		t.Fatalf("renamed member first by name desc: %+v %v", page.Accounts, err)
	}
	if page.Accounts[0].UserType != "standard" {
		t.Errorf("a home Admin is listed here as %q", page.Accounts[0].UserType)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{Query: "zimmer"}); !slices.Equal(got, []string{"gus"}) {
		t.Errorf("search by the new name: %v", got)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{UserType: "admin"}); slices.Contains(got, "gus") {
		t.Errorf("the Admin filter lists a member: %v", got)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{UserType: "standard", Query: "zoe"}); !slices.Equal(got, []string{"gus"}) {
		t.Errorf("the Standard filter with a search misses the member: %v", got)
	}
	if _, err := w.st.SetStatus(ctx, actor(w.sp.ID), gus.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{}); slices.Contains(got, "gus") {
		t.Errorf("a deactivated member is listed: %v", got)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{Status: "deactivated"}); !slices.Equal(got, []string{"gus"}) {
		t.Errorf("deactivated filter: %v", got)
	}
	if got := logins(t, w.st, w.cust.ID, store.UserFilter{Sort: "email", Query: "zimmer", ShowDeactivated: true}); !slices.Equal(got, []string{"gus"}) {
		t.Errorf("search of a deactivated member: %v", got)
	}
}

// A member joins the tenant's groups and projects as a home person does;
// a person of another tenant does not.
func TestMembersJoinGroupsAndProjects(t *testing.T) {
	w := newMembersTree(t)
	ctx := context.Background()
	ann := w.members["ann"]
	g, err := w.st.CreateGroup(ctx, actor(w.cust.ID), "Regional", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.AddMembers(ctx, actor(w.cust.ID), g.ID, []int64{ann.ID}); err != nil {
		t.Fatalf("a member joins a group: %v", err)
	}
	groups, err := w.st.AccountGroups(ctx, w.cust.ID, ann.ID)
	if err != nil || len(groups) != 1 {
		t.Fatalf("the member's groups here: %+v %v", groups, err)
	}
	boss, err := w.st.AccountByEmail(ctx, w.sp.ID, "boss@example.test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.AddMembers(ctx, actor(w.cust.ID), g.ID, []int64{boss.ID}); !errors.Is(err, store.ErrUnknownAccount) {
		t.Fatalf("a provider person who is no member here joined: %v", err)
	}
	pr, err := w.st.CreateProject(ctx, actor(w.cust.ID), "Launch", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.AddProjectUsers(ctx, actor(w.cust.ID), pr.ID, []int64{ann.ID}, "read", true); err != nil {
		t.Fatalf("a member on a project: %v", err)
	}
	people, err := w.st.ProjectPeople(ctx, w.cust.ID, pr.ID, false, "", 0, 50)
	if err != nil || len(people) != 1 || people[0].AccountID != ann.ID {
		t.Fatalf("the project's people: %+v %v", people, err)
	}
}
