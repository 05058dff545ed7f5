package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/console-dev/console/store"
)

// TestProjectTeamRules: every person on a project must be on exactly one
// team; zero or two is a misconfiguration, counted in SQL and listed with
// where the person stands. Access is the team's, capped at read for read-only.
func TestProjectTeamRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	const readers, writers = 0, 1 // each case gets its own two groups
	for i, tc := range []struct {
		name     string
		userType string
		inGroups []int  // group-teams the person belongs to: readers, writers
		alone    bool   // added one by one
		team     bool   // with the Team box
		access   string // their own access when added alone
		teams    int
		want     string // effective access, "" when misconfigured
	}{
		{"own team only", "standard", nil, true, true, "write", 1, "write"},
		{"own team, read", "standard", nil, true, true, "read", 1, "read"},
		{"alone without Team box: no team", "standard", nil, true, false, "write", 0, ""},
		{"through one group-team", "standard", []int{readers}, false, false, "", 1, "read"},
		{"through the write team", "standard", []int{writers}, false, false, "", 1, "write"},
		{"alone without Team box, and one group-team", "standard", []int{writers}, true, false, "read", 1, "write"},
		{"own team and a group-team: two", "standard", []int{writers}, true, true, "write", 2, ""},
		{"two group-teams", "standard", []int{readers, writers}, false, false, "", 2, ""},
		{"read-only on the write team", "read_only", []int{writers}, false, false, "", 1, "read"},
		{"read-only with own write team", "read_only", nil, true, true, "write", 1, "read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := st.CreateProject(ctx, by, "P "+tc.name, "")
			if err != nil {
				t.Fatal(err)
			}
			r, _ := st.CreateGroup(ctx, by, "Readers of "+tc.name, "")
			w, _ := st.CreateGroup(ctx, by, "Writers of "+tc.name, "")
			groups := []int64{r.ID, w.ID}
			if err := st.AddProjectTeams(ctx, by, p.ID, []int64{r.ID}, "read"); err != nil {
				t.Fatal(err)
			}
			if err := st.AddProjectTeams(ctx, by, p.ID, []int64{w.ID}, "write"); err != nil {
				t.Fatal(err)
			}
			a := mustCreate(t, st, tn.ID, person(fmt.Sprintf("u%02d", i), tc.userType, "active"))
			for _, g := range tc.inGroups {
				if _, err := st.AddMembers(ctx, by, groups[g], []int64{a.ID}); err != nil {
					t.Fatal(err)
				}
			}
			if tc.alone {
				if err := st.AddProjectUsers(ctx, by, p.ID, []int64{a.ID}, tc.access, tc.team); err != nil {
					t.Fatal(err)
				}
			}
			people, err := st.ProjectPeople(ctx, tn.ID, p.ID, false, "", 0, 500)
			if err != nil {
				t.Fatal(err)
			}
			teams, _ := st.ProjectTeams(ctx, tn.ID, p.ID)
			var me *store.Placement
			for i := range people {
				if people[i].AccountID == a.ID {
					me = &people[i]
				}
			}
			if me == nil {
				t.Fatal("the person is not on the project")
			}
			for _, id := range me.GroupIDs {
				for _, tr := range teams {
					if tr.GroupID == id {
						me.Groups = append(me.Groups, tr)
					}
				}
			}
			if me.TeamCount() != tc.teams || me.Access() != tc.want {
				t.Fatalf("teams %d access %q, want %d %q", me.TeamCount(), me.Access(), tc.teams, tc.want)
			}
			got, _ := st.Project(ctx, tn.ID, p.ID)
			wantErrors := 0
			if tc.teams != 1 {
				wantErrors = 1
			}
			if got.Errors != wantErrors {
				t.Fatalf("project counts %d errors, want %d", got.Errors, wantErrors)
			}
			problems, _ := st.ProjectPeople(ctx, tn.ID, p.ID, true, "", 0, 500)
			if len(problems) != wantErrors {
				t.Fatalf("%d people listed as misconfigured, want %d", len(problems), wantErrors)
			}
			mine, _ := st.AccountProjects(ctx, tn.ID, a.ID)
			found := false
			for _, m := range mine { // the shared groups are teams of earlier projects too
				if m.ProjectID == p.ID {
					found = true
					if m.TeamCount() != tc.teams || m.Access() != tc.want {
						t.Fatalf("the person's projects: %+v", m)
					}
				}
			}
			if !found {
				t.Fatal("the project is missing from the person's projects")
			}
		})
	}
}

// TestProjectBadInput: twice, another tenant's ids, a third access type, not
// assigned: refused whole, nothing written; a team group cannot be deleted.
func TestProjectBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	other, _ := newTenant(t, st, "other", 0)
	by := actor(tn.ID)
	p, _ := st.CreateProject(ctx, by, "Apollo", "")
	if _, err := st.CreateProject(ctx, by, "APOLLO ", ""); !errors.As(err, new(*store.Conflict)) {
		t.Fatalf("duplicate name in another case: %v", err)
	}
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active"))
	zed := mustCreate(t, st, other.ID, person("zed", "standard", "active"))
	g, _ := st.CreateGroup(ctx, by, "Crew", "")
	og, _ := st.CreateGroup(ctx, actor(other.ID), "Crew", "")
	wantErr(t, st.AddProjectUsers(ctx, by, p.ID, []int64{ann.ID}, "admin", true), store.ErrBadAccess)
	wantErr(t, st.AddProjectUsers(ctx, by, p.ID, []int64{ann.ID, zed.ID}, "write", true), store.ErrUnknownAccount)
	if err := st.AddProjectUsers(ctx, by, p.ID, []int64{ann.ID}, "write", true); err != nil {
		t.Fatal(err)
	}
	wantErr(t, st.AddProjectUsers(ctx, by, p.ID, []int64{ann.ID}, "read", false), store.ErrAlreadyAssigned)
	wantErr(t, st.AddProjectTeams(ctx, by, p.ID, []int64{og.ID}, "read"), store.ErrNotFound)
	if err := st.AddProjectTeams(ctx, by, p.ID, []int64{g.ID}, "read"); err != nil {
		t.Fatal(err)
	}
	wantErr(t, st.AddProjectTeams(ctx, by, p.ID, []int64{g.ID}, "write"), store.ErrAlreadyAssigned)
	wantErr(t, st.RemoveProjectTeams(ctx, by, p.ID, []int64{g.ID, 99999}), store.ErrNotAssigned)
	wantErr(t, st.RemoveProjectUsers(ctx, by, p.ID, []int64{zed.ID}), store.ErrNotAssigned)
	wantErr(t, st.AddProjectUsers(ctx, actor(other.ID), p.ID, []int64{zed.ID}, "write", true), store.ErrNotFound)
	got, _ := st.Project(ctx, tn.ID, p.ID)
	if got.Users != 1 || got.Teams != 1 {
		t.Fatalf("refused changes left %d users and %d teams", got.Users, got.Teams)
	}
	var inUse *store.InUse
	if err := st.DeleteGroup(ctx, by, g.ID, 0); !errors.As(err, &inUse) || len(inUse.Projects) != 1 || inUse.Projects[0] != "Apollo" {
		t.Fatalf("deleting a team group: %v", err)
	}
	if err := st.DeleteProject(ctx, by, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteGroup(ctx, by, g.ID, 0); err != nil {
		t.Fatalf("the group is free once the project is gone: %v", err)
	}
}

// TestProjectPeopleQueriesDoNotGrow: a page of a project's people costs one
// statement with 1 person or 300, through teams or one by one; the
// Misconfigured filter finds the project.
func TestProjectPeopleQueriesDoNotGrow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	small, _ := st.CreateProject(ctx, by, "Small", "")
	big, _ := st.CreateProject(ctx, by, "Big", "")
	var ids []int64
	for i := range 300 {
		ids = append(ids, mustCreate(t, st, tn.ID, person(fmt.Sprintf("p%03d", i), "standard", "active")).ID)
	}
	g, _ := st.CreateGroup(ctx, by, "Many", "")
	if _, err := st.AddMembers(ctx, by, g.ID, ids[:200]); err != nil {
		t.Fatal(err)
	}
	if err := st.AddProjectTeams(ctx, by, big.ID, []int64{g.ID}, "write"); err != nil {
		t.Fatal(err)
	}
	if err := st.AddProjectUsers(ctx, by, big.ID, ids[150:], "read", true); err != nil { // 50 on two teams
		t.Fatal(err)
	}
	if err := st.AddProjectUsers(ctx, by, small.ID, ids[:1], "read", true); err != nil {
		t.Fatal(err)
	}
	count := func(id int64) int64 {
		before := st.Statements()
		if _, err := st.ProjectPeople(ctx, tn.ID, id, false, "", 0, 50); err != nil {
			t.Fatal(err)
		}
		return st.Statements() - before
	}
	if a, b := count(small.ID), count(big.ID); a != 1 || b != 1 {
		t.Fatalf("statements per page: %d and %d, want 1", a, b)
	}
	p, _ := st.Project(ctx, tn.ID, big.ID)
	if p.Errors != 50 || p.Users != 150 || p.Teams != 1 {
		t.Fatalf("big project counts %+v", p)
	}
	bad, _ := st.Projects(ctx, tn.ID, store.ProjectFilter{Misconfigured: true})
	if len(bad) != 1 || bad[0].ID != big.ID {
		t.Fatalf("misconfigured filter gave %v", bad)
	}
}

// TestConcurrentProjectChanges: people and teams added from many goroutines at
// once all land, none lost, none doubled.
func TestConcurrentProjectChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	p, _ := st.CreateProject(ctx, by, "Busy", "")
	errs := make(chan error, 40)
	for i := range 20 {
		a := mustCreate(t, st, tn.ID, person(fmt.Sprintf("c%02d", i), "standard", "active"))
		g, _ := st.CreateGroup(ctx, by, fmt.Sprintf("G%02d", i), "")
		go func() { errs <- st.AddProjectUsers(ctx, by, p.ID, []int64{a.ID}, "write", true) }()
		go func() { errs <- st.AddProjectTeams(ctx, by, p.ID, []int64{g.ID}, "read") }()
	}
	for range 40 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got, _ := st.Project(ctx, tn.ID, p.ID)
	if got.Users != 20 || got.Teams != 20 {
		t.Fatalf("%d users and %d teams, want 20 and 20", got.Users, got.Teams)
	}
}
