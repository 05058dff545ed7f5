// Package query turns the query strings of the users table and the audit log
// into the store's filters. The console and the API parse with the same code,
// so a report downloaded through either covers the same rows; the console
// quietly drops a value it cannot use, the API refuses it (Bad names it).
package query

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/query/filter"
)

// Users is the users table's state as it lives in the URL.
type Users struct {
	filter.Users
	After, Before string
	// At is the position of the page's first row (0-based), carried by the
	// pager so the table can say "51–100 of 10,000"; it never selects rows.
	At int
	// Zone is the zone the creation days are read in (the viewer's; nil:
	// UTC). It is not part of the URL.
	Zone *time.Location
}

// ParseUsers reads the table's query. A filter value it cannot use falls back
// to its default and its name is returned in bad (paging is never bad: an
// unknown cursor restarts the list).
func ParseUsers(v url.Values) (u Users, bad []string) {
	check := func(name, got, kept string) string {
		if got != kept {
			bad = append(bad, name)
		}
		return kept
	}
	q := strings.TrimSpace(v.Get("q"))
	u.Q = check("q", q, Clip(q, 200))
	// status=all is everyone, deactivated people too: the one control the
	// table offers; deactivated=1 is the older spelling of it and still read.
	u.Status = check("status", v.Get("status"), oneOf(v.Get("status"), "", "active", "pending", "deactivated", "all"))
	u.Type = check("type", v.Get("type"), oneOf(v.Get("type"), "", "admin", "standard", "read_only"))
	u.Auth = check("auth", v.Get("auth"), oneOf(v.Get("auth"), "", "password", "sso"))
	if id, err := strconv.ParseInt(v.Get("role"), 10, 64); err == nil && id > 0 {
		u.Role = strconv.FormatInt(id, 10)
	} else if v.Get("role") != "" {
		bad = append(bad, "role")
	}
	u.NoRole = flag(v, "norole", &bad)
	u.Deactivated = flag(v, "deactivated", &bad) && u.Status == "" || u.Status == "all"
	if u.Status == "all" {
		u.Status = ""
	}
	parsePeople(v, &u, &bad)
	u.Pending = check("access", v.Get("access"), oneOf(v.Get("access"), "", "pending")) == "pending"
	if s := v.Get("sort"); s != "" {
		u.Sort = check("sort", s, oneOf(s, "name", "email", "last_active", "created"))
	} else {
		u.Sort = "name"
	}
	u.Desc = check("dir", v.Get("dir"), oneOf(v.Get("dir"), "", "asc", "desc")) == "desc"
	u.Size = 50
	if n, err := strconv.Atoi(v.Get("size")); err == nil && slices.Contains(filter.PageSizes, n) {
		u.Size = n
	}
	u.After, u.Before = v.Get("after"), v.Get("before")
	if n, err := strconv.Atoi(v.Get("at")); err == nil && n > 0 && n < 1e9 && (u.After != "" || u.Before != "") {
		u.At = n
	}
	return u, bad
}

// flag reads a 0/1 switch; anything else is bad and off.
func flag(v url.Values, name string, bad *[]string) bool {
	switch v.Get(name) {
	case "1":
		return true
	case "", "0":
	default:
		*bad = append(*bad, name)
	}
	return false
}

// oneOf returns v if it is one of the allowed values, else the first one.
func oneOf(v string, allowed ...string) string {
	if slices.Contains(allowed, v) {
		return v
	}
	return allowed[0]
}

// Clip cuts s to n characters.
func Clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// Values encodes the query back into a URL, leaving defaults out.
func (u Users) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", u.Q)
	set("status", u.Status)
	if u.Deactivated && u.Status == "" {
		v.Set("status", "all")
	}
	set("type", u.Type)
	set("auth", u.Auth)
	set("role", u.Role)
	if u.NoRole {
		v.Set("norole", "1")
	}
	if u.Pending {
		v.Set("access", "pending")
	}
	set("group", u.Group)
	set("inactive", u.Inactive)
	set("domain", u.Domain)
	set("created_from", u.CreatedFrom)
	set("created_to", u.CreatedTo)
	if u.Sort != "name" {
		v.Set("sort", u.Sort)
	}
	if u.Desc {
		v.Set("dir", "desc")
	}
	if u.Size != 50 {
		v.Set("size", strconv.Itoa(u.Size))
	}
	set("after", u.After)
	set("before", u.Before)
	if u.At > 0 {
		v.Set("at", strconv.Itoa(u.At))
	}
	return v
}

// URL is path with the query, without empty filters.
func (u Users) URL(path string) string {
	if enc := u.Values().Encode(); enc != "" {
		return path + "?" + enc
	}
	return path
}

// RoleID is the role filter's id, 0 for none.
func (u Users) RoleID() int64 {
	id, _ := strconv.ParseInt(u.Role, 10, 64)
	return id
}

// Filter is the store's filter for the query's rows, the table's page and
// the report alike.
func (u Users) Filter() store.UserFilter {
	f := store.UserFilter{Query: u.Q, Status: u.Status, UserType: u.Type, AuthMethod: u.Auth, RoleID: u.RoleID(), IncludeNoRole: u.NoRole,
		ShowDeactivated: u.Deactivated, PendingAccess: u.Pending, Sort: u.Sort, Desc: u.Desc, Limit: u.Size, After: u.After, Before: u.Before}
	u.ApplyPeople(&f)
	return f
}

// Report is what the user permission report covers for the query: the table's
// rows without its paging, or the whole tenant with all=1; and the filters as
// the download's audit event records them.
func (u Users) Report(all bool) (store.ReportFilter, map[string]any) {
	if all {
		return store.ReportFilter{All: true}, map[string]any{"all": true}
	}
	u.After, u.Before, u.Size, u.At = "", "", 50, 0
	filters := map[string]any{}
	for k := range u.Values() {
		filters[k] = u.Values().Get(k)
	}
	return store.ReportFilter{UserFilter: u.Filter()}, filters
}
