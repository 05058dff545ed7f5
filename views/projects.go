package views

import (
	"context"
	"net/url"
	"strconv"
)

// ProjectList is the projects list: a search, filters, one page of projects
// and the create form.
type ProjectList struct {
	Q             string
	Misconfigured bool // only projects with errors
	Archived      bool // archived projects shown too
	Rows          []ProjectRow
	NextURL       string
	FirstURL      string // "" on the first page
	New           ProjectForm
	Notice        string
}

// ProjectRow is one project of the list with its counts.
type ProjectRow struct {
	ID          int64
	Name        string
	Description string
	Archived    bool
	Users       int
	Teams       int
	Errors      int
}

// ProjectForm is the create and settings form; Errors are keyed by field name.
type ProjectForm struct {
	Name        string
	Description string
	Archived    bool
	Errors      map[string]string
	Open        bool // the create form shows unfolded
	Saved       bool
}

// Err returns the message for field, or "".
func (f ProjectForm) Err(field string) string { return f.Errors[field] }

// ProjectPage is a project's Permissions tab: groups and people on the left,
// this project on the right, its misconfigurations folded in one line above
// them, the settings below.
type ProjectPage struct {
	ID       int64
	Name     string
	Archived bool
	Status   Status
	Groups   ProjectGroups
	Side     ProjectSide
	Problems ProjectProblems
	Form     ProjectForm
	Delete   ProjectDelete
}

// ProjectDelete is the delete card; Confirm asks again when people or teams are assigned.
type ProjectDelete struct {
	ProjectID int64
	Name      string
	Users     int
	Teams     int
	Confirm   bool
}

// ProjectGroups is the left panel: one page of the tenant's groups, each
// selectable as a team and expandable to its members (selectable to add one
// by one), and with a search the people it matches, whatever their groups.
type ProjectGroups struct {
	ProjectID  int64
	Q          string
	After      string // the page's cursor, "" on the first page
	Rows       []ProjectGroup
	NextURL    string
	FirstURL   string
	People     []MemberRow // people matching Q, to add one by one
	MorePeople bool        // more people match than shown
}

// ProjectGroup is one group of the left panel; Members is set when it shows unfolded.
type ProjectGroup struct {
	ID          int64
	Name        string
	Description string
	Count       int
	Members     *ProjectMembers
}

// ProjectMembers is one page of a group's members, in the left panel (with
// checkboxes) or under a team of the right panel (Team: a plain list).
type ProjectMembers struct {
	ProjectID int64
	GroupID   int64
	GroupName string
	Team      bool
	Rows      []MemberRow
	Next      string
	Paged     bool
}

// ProjectSide is the selected project in the right panel: its name and
// counts, its teams and its people.
type ProjectSide struct {
	ProjectID int64
	Name      string
	Archived  bool
	Users     int // added one by one
	TeamCount int
	Errors    int
	Teams     []ProjectTeam
	People    []ProjectPerson
	NextURL   string
	FirstURL  string
}

// ProjectTeam is a group added to the project as a team.
type ProjectTeam struct {
	GroupID int64
	Name    string
	Access  string
	Members int
}

// ProjectPerson is one person on the project: added one by one (Individual,
// with access and Team box) and/or through teams.
type ProjectPerson struct {
	AccountID  int64
	Name       string
	Email      string
	Status     string
	ReadOnly   bool
	Individual bool
	OwnTeam    bool
	OwnAccess  string
	Teams      []string // group-teams the person is on
	Access     string   // effective: read, write, or "" when misconfigured
	Problem    string   // the reason, when misconfigured
}

// ProjectProblems is the misconfiguration panel: the misconfigured people
// grouped by cause, each cause with its count, a few names and its fixes.
type ProjectProblems struct {
	ProjectID  int64
	Count      int
	Causes     []ProjectCause
	MoreCauses int  // causes not shown
	Open       bool // unfolded (after a fix made in it)
}

// ProjectCause is one cause: the people on exactly these teams (none, or
// two and more), how many, the first few, and the fixes that apply.
type ProjectCause struct {
	Key      string // the element id's suffix: own team, then the group ids
	Count    int
	Text     string // "199 people are on both Support and Ingénierie"
	OwnTeam  bool
	GroupIDs []int64
	Teams    []ProjectTeam // the group-teams it names: a Remove button each
	People   []ProjectProblem
	More     int  // Count - len(People)
	Tick     bool // "Tick Team for these people" applies (on no team)
	Untick   bool // "Untick Team for these people" applies (own team and groups)
}

// ProjectProblem is one misconfigured person, linked to their row.
type ProjectProblem struct {
	AccountID int64
	Name      string
	Email     string
}

// UserProject is one project of a person as the user sidebar shows it.
type UserProject struct {
	ID      int64
	Name    string
	Access  string // read, write, or "" when misconfigured
	Teams   string // "own team", "Sales"...
	Problem string
}

// ProjectURL is a project's address with an optional suffix.
func ProjectURL(id int64, suffix string) string {
	return "/projects/" + strconv.FormatInt(id, 10) + suffix
}

// MembersURL is the address of a page of the group's members in this project's panels.
func (m ProjectMembers) MembersURL(cursor string) string {
	v := url.Values{"group": {strconv.FormatInt(m.GroupID, 10)}}
	if m.Team {
		v.Set("team", "1")
	}
	if cursor != "" {
		v.Set("after", cursor)
	}
	return ProjectURL(m.ProjectID, "/members?"+v.Encode())
}

// DomID is the member list's element id.
func (m ProjectMembers) DomID() string {
	if m.Team {
		return "pp-tm-" + strconv.FormatInt(m.GroupID, 10)
	}
	return "pp-gm-" + strconv.FormatInt(m.GroupID, 10)
}

func formInvalid(errs map[string]string, field string) string {
	if errs[field] != "" {
		return "true"
	}
	return "false"
}

// peopleOr picks a project panel's wording: key for who may see the tenant's
// people (the left panel searches them too), key+"_groups" for who sees
// groups only.
func peopleOr(ctx context.Context, key string) string {
	if Can(ctx, "users.view") {
		return key
	}
	return key + "_groups"
}
