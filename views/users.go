package views

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/a-h/templ"

	"github.com/console-dev/console/web/query/filter"
)

// UserRow is one row of the users table.
type UserRow struct {
	ID       int64
	Name     string
	Login    string
	Email    string
	UserType string
	Status   string
	Roles    []string
	// InheritedRoles are held only through groups.
	InheritedRoles []string
	LastActive     time.Time
	LastSignIn     time.Time // zero: never signed in
	Created        time.Time
	// ExpiresAt is when the account ends (zero: never); Expired once passed.
	ExpiresAt time.Time
	Expired   bool
	Self      bool
	// Home names the home tenant of a member (a person pushed down from an
	// ancestor): their identity is managed there; "" for home people.
	Home string
	OOB  bool // swap out of band, beside a sidebar response
	// SSO: signs in through the tenant's identity provider; SSOLinked once
	// an identity is bound to it (at its first sign-in).
	SSO, SSOLinked bool
	// SCIM: the tenant's identity provider manages this person (external
	// provisioning): no deactivate or delete here.
	SCIM bool
}

// actable: the row's person has actions here (its ⋯ menu), for one who may
// manage users: not the actor, not a member from another tenant, not one the
// identity provider manages.
func (r UserRow) actable() bool { return !r.Self && r.Home == "" && !r.SCIM }

// Option is a choice in a select or a toggle group.
type Option struct {
	Value   string
	Label   string
	Checked bool
}

// SortLink is a column header's link and state.
type SortLink struct {
	URL    string
	Active bool
	Desc   bool
}

// UsersFilter echoes the URL's filters back into the form (filter.Users,
// shared with the JSON API, which does not import views).
type UsersFilter = filter.Users

// Users is the users page's view model.
type Users struct {
	Filter UsersFilter
	Rows   []UserRow
	Roles  []Option
	Groups []Option // the tenant's groups, for the group filter
	// FilterErrors says, by parameter, why a filter value was dropped
	// (a malformed date, a day count that is not one, no domain); Raw
	// keeps what was typed so the field shows it beside its message.
	FilterErrors map[string]string
	Raw          map[string]string
	Sorts        map[string]SortLink
	NextURL      string
	PrevURL      string
	ClearURL     string
	URL          string          // this view's canonical address
	Sidebar      templ.Component // open sidebar on a deep link, or nil
	// AddExisting offers "Add existing person": the actor belongs to a
	// tenant above this one, whose people can be pushed down here.
	AddExisting bool
	// TreeReport: the tenant has customers, so the report may cover them too.
	TreeReport bool
	// External: people come from the identity provider (no Create or Invite).
	External bool
	// Hidden are a search's matches the view leaves out (deactivated
	// people, people without a role), each counted up to HiddenLimit+1;
	// HiddenURL shows them: the same search over everyone.
	Hidden HiddenMatches
	// RangeFrom and RangeTo are the page's rows by position ("51–100");
	// CountURL asks for the "of N" once the page is shown.
	RangeFrom, RangeTo int
	CountURL           string
}

// HiddenMatches are the people a search matches that the filters hide.
type HiddenMatches struct {
	Deactivated, NoRole int
	URL                 string
}

// HiddenLimit is where the hidden counts stop ("more than 100").
const HiddenLimit = 100

// hiddenCount is a count as the hint says it: exact up to the limit.
func hiddenCount(ctx context.Context, key string, n int) string {
	if n > HiddenLimit {
		return T(ctx, key+"_many", map[string]any{"Count": HiddenLimit})
	}
	if n == 1 {
		return T(ctx, key+"_one")
	}
	return T(ctx, key+"_other", map[string]any{"Count": n})
}

// PageSizes are the page-size choices of the users table.
var PageSizes = filter.PageSizes

func userURL(id int64, suffix string) string {
	return "/users/" + strconv.FormatInt(id, 10) + suffix
}

func rowID(id int64) string { return "user-" + strconv.FormatInt(id, 10) }

func itoa(n int) string { return strconv.Itoa(n) }

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

func statusKey(s string) string   { return "status_" + s }
func userTypeKey(s string) string { return "type_" + s }

// oobAttrs marks an element for an out-of-band swap.
func oobAttrs(oob bool) templ.Attributes {
	if oob {
		return templ.Attributes{"hx-swap-oob": "true"}
	}
	return templ.Attributes{}
}

// current marks the link to the page (or sort) being shown.
func current(on bool, value string) templ.Attributes {
	if on {
		return templ.Attributes{"aria-current": value}
	}
	return templ.Attributes{}
}

// filterControl makes a filter select or checkbox reload the table when it
// changes. The search box is not one: leaving it (to click a pencil) must not
// reload the table under the click.
func filterControl() templ.Attributes {
	return templ.Attributes{"hx-get": "/users", "hx-include": "#filters", "hx-target": "#users-table",
		"hx-swap": "outerHTML", "hx-push-url": "true"}
}

// peopleFilterNames are the parameters of the people filters (issue 16).
var peopleFilterNames = []string{"group", "inactive", "domain", "created_from", "created_to"}

// inactiveChoices are the "not active for" day counts offered, with the
// URL's own count when it is another one.
func inactiveChoices(current string) []string {
	var out []string
	for _, d := range filter.InactiveChoices {
		out = append(out, strconv.Itoa(d))
	}
	if current != "" && current != "never" && !slices.Contains(out, current) {
		out = append(out, current)
	}
	return out
}

// invalidAttrs marks a filter whose value was refused and points it at its message.
func invalidAttrs(vm Users, name string) templ.Attributes {
	if vm.FilterErrors[name] == "" {
		return templ.Attributes{"aria-describedby": "filter-err-" + name}
	}
	return templ.Attributes{"aria-invalid": "true", "aria-describedby": "filter-err-" + name}
}

// rawOr is what was typed into a refused filter, else its value.
func rawOr(vm Users, name, value string) string {
	if vm.FilterErrors[name] != "" {
		return vm.Raw[name]
	}
	return value
}
