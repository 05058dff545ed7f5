package views

import (
	"net/url"
	"strconv"
	"time"
)

// UserPageTabs are the user page's tabs, in their order; a viewer sees those
// their permissions open (UserPage.Tabs).
var UserPageTabs = []string{"profile", "access", "groups", "projects", "sessions", "keys", "history"}

// UserPage is one person's full page (issue 16): a read view in tabs, each a
// link (?tab=…) that works as a full load and as an htmx swap of the block.
type UserPage struct {
	ID         int64
	Name       string
	Email      string
	Login      string
	Status     string
	UserType   string
	AuthMethod string
	Created    time.Time
	LastActive time.Time // zero: never
	LastSignIn time.Time // zero: never
	Home       string    // a member's home tenant; "" for a home person
	Tab        string    // the tab shown
	Tabs       []string  // the tabs this viewer may open
	Notice     string    // message key
	Alert      string    // a refusal, translated
	// The shown tab's content; the others stay empty.
	Access      Access
	Groups      []UserPageGroup
	Projects    []UserProject
	Sessions    []UserPageSession
	CanEndAll   bool // "Sign out everywhere" is offered: the actor may act for the person
	KeyRows     []KeyRow
	KeysURL     string
	History     []AuditRow
	OlderURL    string // older events of the history tab
	NewerURL    string
	AuditByURL  string // the audit log filtered to events by the person
	AuditOfURL  string // and to events about them
	EditURL     string // the sidebar beside the users table
	SessionsEnd string // where "Sign out everywhere" posts
}

// UserPageGroup is one group the person belongs to, with the roles it gives
// (none is a valid answer: a group can exist for projects alone).
type UserPageGroup struct {
	ID      int64
	Name    string
	Members int
	Roles   []string
}

// UserPageSession is one signed-in browser of the person.
type UserPageSession struct {
	Created  time.Time
	LastSeen time.Time
}

// UserPageURL is the address of a person's page on tab, with extra query.
func UserPageURL(id int64, tab string, extra url.Values) string {
	v := url.Values{}
	for k, vs := range extra {
		v[k] = vs
	}
	if tab != "" && tab != "profile" {
		v.Set("tab", tab)
	}
	u := "/users/" + strconv.FormatInt(id, 10) + "/page"
	if enc := v.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// TabURL is the address of tab on this person's page.
func (vm UserPage) TabURL(tab string) string { return UserPageURL(vm.ID, tab, nil) }

func ariaBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func tabIndex(b bool) string {
	if b {
		return "0"
	}
	return "-1"
}
