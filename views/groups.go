package views

import (
	"context"
	"net/url"
	"strconv"

	"github.com/console-dev/console/i18n"
)

// Groups is the Users & Groups view: people on the left, groups on the right,
// and the buttons between them that add or remove the selected people.
type Groups struct {
	Users  PickUsers
	Groups GroupList
	New    GroupForm // the create-group form
	Status Status    // what the last change did, or why it was refused
	Back   string    // this view's address, for the plain-form answer to come back to
}

// Status is a one-line message above the panels; Alert marks a refusal.
type Status struct {
	Text  string
	Alert bool
}

// PickUsers is the users panel: one page of people with a checkbox each.
// Selected ids on other pages travel as hidden fields, so a selection can
// span pages and still be sent in one request.
type PickUsers struct {
	Q             string
	Rows          []PickUser
	Hidden        []int64 // selected, not on this page
	NextURL       string
	PrevURL       string
	SelectPageURL string // selects every user of this page
	ClearURL      string // clears the selection
}

// PickUser is one person in the users panel.
type PickUser struct {
	ID      int64
	Name    string
	Email   string
	Status  string
	Checked bool
}

// GroupList is the groups panel: one page of groups with a radio each.
type GroupList struct {
	Q        string
	Rows     []GroupRow
	NextURL  string
	FirstURL string // "" on the first page
	Selected int64
}

// GroupRow is one group of the groups panel; Members is its member list
// when it shows expanded (after a change to it), else nil and loaded on demand.
type GroupRow struct {
	ID          int64
	Name        string
	Description string
	Count       int
	Checked     bool
	Members     *MemberList
	SCIM        bool // the identity provider manages it: its members are not picked here
}

// MemberList is one page of a group's members, keyset-paged by name.
type MemberList struct {
	GroupID   int64
	GroupName string
	Count     int
	Rows      []MemberRow
	Next      string // cursor of the next page, "" at the end
	Paged     bool   // not the first page
	Page      bool   // shown on the group's page (checkboxes to remove), not in the panel
	Locked    bool   // the identity provider keeps the members: no checkboxes
	Query     string // the group page's member search, "" for all
	Matching  int    // members matching Query (all of them for ""), counted up to MaxBulk+1
	MaxBulk   int    // the most "select all matching" removes at once
}

// MemberRow is one member of a group.
type MemberRow struct {
	ID     int64
	Name   string
	Email  string
	Status string
}

// GroupForm is the create and rename form; Errors are keyed by field name.
type GroupForm struct {
	Name        string
	Description string
	Errors      map[string]string
	Open        bool // the create form shows unfolded
}

// Err returns the message for field, or "".
func (f GroupForm) Err(field string) string { return f.Errors[field] }

// GroupPage is one group's page: its fields, roles, access and members.
type GroupPage struct {
	ID          int64
	Name        string // as stored; the form may hold an unsaved one
	Description string
	Count       int
	Form        GroupForm
	Notice      string
	Alert       string
	DeleteAlert string          // why the group cannot be deleted
	DeleteAsk   *GroupDeleteAsk // a delete of a group with members, waiting for confirmation
	Roles       []Option
	RolesAlert  string
	RolesSaved  bool
	Access      Access // as the user sidebar shows it, each role "via" this group
	Members     MemberList
	MembersNote Status   // what removing members did
	Add         GroupAdd // the "Add members" search
	AddNote     Status   // what adding did
	// Locked: the identity provider manages the group (external
	// provisioning): its name, description and members are its; roles stay.
	Locked bool
}

// GroupAdd is the group page's "Add members" search: the people of the
// tenant matching Query, each with an Add button unless already a member.
type GroupAdd struct {
	Query    string
	Searched bool // a search of at least two letters was made
	Rows     []GroupCandidate
	More     bool // more people match than are listed: refine the search
}

// GroupCandidate is one person the "Add members" search found.
type GroupCandidate struct {
	ID     int64
	Name   string
	Email  string
	Status string
	Member bool
}

// GroupDeleteAsk asks to confirm deleting a group with members: Text names
// the count, and the confirm button sends Count back, so the delete happens
// only for the members the actor was told about.
type GroupDeleteAsk struct {
	Count int
	Text  string
}

func groupURL(id int64, suffix string) string {
	return "/groups/" + strconv.FormatInt(id, 10) + suffix
}

// ID is the list's element id: the group page and the panel each swap their own.
func (m MemberList) ID() string {
	if m.Page {
		return "members-" + strconv.FormatInt(m.GroupID, 10)
	}
	return "ug-members-" + strconv.FormatInt(m.GroupID, 10)
}

// PageURL is the full-page address of the members page at cursor ("" for the first).
func (m MemberList) PageURL(cursor string) string { return groupURL(m.GroupID, m.query(cursor)) }

// FragmentURL is the htmx address of the members page at cursor.
func (m MemberList) FragmentURL(cursor string) string {
	return groupURL(m.GroupID, "/members"+m.query(cursor))
}

// query is the list's search and cursor as a query string ("" for neither).
func (m MemberList) query(cursor string) string {
	v := url.Values{}
	if m.Query != "" {
		v.Set("mq", m.Query)
	}
	if cursor != "" {
		v.Set("after", cursor)
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// selectAllLabel offers every member matching the search, by count.
func (m MemberList) selectAllLabel(ctx context.Context) string {
	if m.Query == "" {
		return T(ctx, "i16g_select_all_members", map[string]any{"Count": Num(ctx, m.Matching)})
	}
	return T(ctx, "i16g_select_all_matching", map[string]any{"Count": Num(ctx, m.Matching), "Query": m.Query})
}

// Num writes n with the language's digit grouping (see i18n.Num).
func Num(ctx context.Context, n int) string { return i18n.Num(ctx, n) }

// MemberCount says how many members a group has, in words.
func MemberCount(ctx context.Context, n int) string {
	switch n {
	case 0:
		return T(ctx, "group_members_none")
	case 1:
		return T(ctx, "group_members_one")
	}
	return T(ctx, "group_members_many", map[string]any{"Count": Num(ctx, n)})
}

func groupInvalid(f GroupForm, field string) string {
	if f.Err(field) != "" {
		return "true"
	}
	return "false"
}

// matchCount says how many members match a search: exact up to the bulk
// bound, "more than 5,000" beyond it.
func matchCount(ctx context.Context, m MemberList) string {
	if m.Matching > m.MaxBulk {
		return T(ctx, "i16g_more_than", map[string]any{"Count": Num(ctx, m.MaxBulk)})
	}
	return MemberCount(ctx, m.Matching)
}
