package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestProjectTeamAndAccessRules: each person must be on exactly one team; their
// access is their team's, capped at Read Only for a read-only user, and a
// misconfigured person's access is shown as such, never guessed.
func TestProjectTeamAndAccessRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name         string
		userType     string
		individual   bool   // added one by one
		ownTeam      bool   // ... with Team ticked
		ownAccess    string // ... with this access
		groups       []string
		wantAccess   string // the badge on the person's row
		wantProblem  string // the reason, "" when configured right
		wantErrCount int
	}{
		{"zero teams: added one by one, Team unticked", "standard", true, false, "write", nil, "Misconfigured", "on no team", 1},
		{"one team: a team of one", "standard", true, true, "read", nil, "Read Only", "", 0},
		{"one team: through a group", "standard", false, false, "", []string{"Alpha"}, "Write", "", 0},
		{"one team: a group with read access", "standard", false, false, "", []string{"Beta"}, "Read Only", "", 0},
		{"two teams: own team and a group", "standard", true, true, "write", []string{"Alpha"}, "Misconfigured", "on teams their own team and Alpha", 1},
		{"two teams: two groups", "standard", false, false, "", []string{"Alpha", "Beta"}, "Misconfigured", "on teams Alpha and Beta", 1},
		{"group member added again without Team: still one team", "standard", true, false, "write", []string{"Beta"}, "Read Only", "", 0},
		{"read-only cap: a write team gives Read Only", "read_only", true, true, "write", nil, "Read Only", "", 0},
		{"read-only cap: through a write group", "read_only", false, false, "", []string{"Alpha"}, "Read Only", "", 0},
		{"read-only and misconfigured: misconfigured, not guessed", "read_only", true, true, "write", []string{"Alpha"}, "Misconfigured", "on teams their own team and Alpha", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newEnv(t)
			by := actorFor(env)
			u := env.user("pat@acme.test", tc.userType, "active")
			pr := env.project("Apollo")
			groups := map[string]store.Group{"Alpha": env.group("Alpha"), "Beta": env.group("Beta")}
			if err := env.st.AddProjectTeams(ctx, by, pr.ID, []int64{groups["Alpha"].ID}, "write"); err != nil {
				t.Fatal(err)
			}
			if err := env.st.AddProjectTeams(ctx, by, pr.ID, []int64{groups["Beta"].ID}, "read"); err != nil {
				t.Fatal(err)
			}
			for _, g := range tc.groups {
				if _, err := env.st.AddMembers(ctx, by, groups[g].ID, []int64{u.ID}); err != nil {
					t.Fatal(err)
				}
			}
			if tc.individual {
				if err := env.st.AddProjectUsers(ctx, by, pr.ID, []int64{u.ID}, tc.ownAccess, tc.ownTeam); err != nil {
					t.Fatal(err)
				}
			}
			c := env.signedIn("admin@acme.test")
			res := c.get(projectPath(pr, ""))
			wantStatus(t, res, http.StatusOK)
			row := fmt.Sprintf("#pp-person-%d", u.ID)
			if got := ptext(res, row+" .ug-item .badge"); !strings.HasPrefix(got, tc.wantAccess) {
				t.Errorf("access badge %q, want %q", got, tc.wantAccess)
			}
			if got := ptext(res, row+" p.pp-reason"); got != tc.wantProblem {
				t.Errorf("row reason %q, want %q", got, tc.wantProblem)
			}
			// The panel groups people by cause: Pat's line says why, in a sentence.
			cause := map[string]string{"on no team": "1 person is on no team",
				"on teams Alpha and Beta":           "1 person is on both Alpha and Beta",
				"on teams their own team and Alpha": "1 person is on both their own team (Team ticked) and Alpha"}[tc.wantProblem]
			problem := strings.Join(strings.Fields(res.doc.Find(fmt.Sprintf("#pp-problem-%d", u.ID)).Closest(".i16p-cause").Text()), " ")
			if tc.wantProblem == "" && problem != "" || !strings.Contains(problem, cause) {
				t.Errorf("misconfiguration panel says %q, want %q", problem, cause)
			}
			if tc.wantErrCount > 0 && !strings.Contains(ptext(res, "#pp-problems h2"), fmt.Sprintf("%d misconfigured", tc.wantErrCount)) {
				t.Errorf("panel heading %q", ptext(res, "#pp-problems h2"))
			}
			list := c.get("/projects?misconfigured=1")
			if got := list.doc.Find(fmt.Sprintf("#pr-row-%d", pr.ID)).Length(); got != tc.wantErrCount {
				t.Errorf("Misconfigured filter lists the project %d times, want %d", got, tc.wantErrCount)
			}
			// The sidebar says the same, from its one query.
			side := c.get("/users/"+id(u)+"/edit", htmx("sidebar")...)
			wantStatus(t, side, http.StatusOK)
			got := ptext(side, ".user-projects li")
			if !strings.Contains(got, "Apollo "+tc.wantAccess) || !strings.Contains(got, tc.wantProblem) {
				t.Errorf("sidebar says %q, want %q and %q", got, tc.wantAccess, tc.wantProblem)
			}
		})
	}
}
