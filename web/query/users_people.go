package query

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/query/filter"
)

// The users table's filters by group, activity, email domain and creation
// date (issue 16). A value that is not one is named in bad and dropped, so
// the console says so beside the filter and the API answers 422.

// domainLabel is one label of an email domain: letters, digits and inner
// hyphens (an internationalised domain is given in its xn-- form).
var domainLabel = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// MaxDomain is the longest domain name (RFC 1035).
const MaxDomain = 253

func parsePeople(v url.Values, u *Users, bad *[]string) {
	if g := v.Get("group"); g != "" {
		if id, err := strconv.ParseInt(g, 10, 64); err == nil && id > 0 {
			u.Group = strconv.FormatInt(id, 10)
		} else {
			*bad = append(*bad, "group")
		}
	}
	switch s := strings.TrimSpace(v.Get("inactive")); s {
	case "":
	case "never":
		u.Inactive = s
	default:
		if n, err := strconv.Atoi(s); err == nil && n > 0 && n <= filter.MaxInactiveDays {
			u.Inactive = strconv.Itoa(n)
		} else {
			*bad = append(*bad, "inactive")
		}
	}
	if d, ok := EmailDomain(v.Get("domain")); ok {
		u.Domain = d
	} else {
		*bad = append(*bad, "domain")
	}
	var from, to time.Time
	for _, d := range []struct {
		dst *string
		at  *time.Time
		key string
	}{{&u.CreatedFrom, &from, "created_from"}, {&u.CreatedTo, &to, "created_to"}} {
		s := strings.TrimSpace(v.Get(d.key))
		if s == "" {
			continue
		}
		if t, err := time.Parse(time.DateOnly, s); err == nil && t.Year() >= 1970 && t.Year() <= 9999 {
			*d.dst, *d.at = s, t
		} else {
			*bad = append(*bad, d.key)
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		u.CreatedTo = ""
		*bad = append(*bad, "created_to")
	}
}

// EmailDomain normalises an email domain filter: trimmed, lower-case,
// without a leading "@" or "."; ok is false for what is no domain (too long,
// invalid UTF-8, characters a domain cannot hold). "" is no filter.
func EmailDomain(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "@"), ".")
	if s == "" {
		return "", true
	}
	if len(s) > MaxDomain {
		return "", false
	}
	for _, l := range strings.Split(s, ".") {
		if !domainLabel.MatchString(l) {
			return "", false
		}
	}
	return s, true
}

// GroupID is the group filter's id, 0 for none.
func (u Users) GroupID() int64 {
	id, _ := strconv.ParseInt(u.Group, 10, 64)
	return id
}

// ApplyPeople puts the people filters into the store's: creation days are
// whole days in u.Zone (UTC when nil), the last one included.
func (u Users) ApplyPeople(f *store.UserFilter) {
	f.GroupID = u.GroupID()
	if u.Inactive == "never" {
		f.NeverActive = true
	} else {
		f.InactiveDays, _ = strconv.Atoi(u.Inactive)
	}
	f.EmailDomain = u.Domain
	loc := u.Zone
	if loc == nil {
		loc = time.UTC
	}
	if d, err := time.ParseInLocation(time.DateOnly, u.CreatedFrom, loc); err == nil {
		f.CreatedFrom = d
	}
	if d, err := time.ParseInLocation(time.DateOnly, u.CreatedTo, loc); err == nil {
		f.CreatedTo = d.AddDate(0, 0, 1)
	}
}

// ParsePeople reads only the people filters (group, inactive, domain,
// created_from, created_to), as the API's user list takes them beside its
// own; bad names the refused ones.
func ParsePeople(v url.Values) (u Users, bad []string) {
	parsePeople(v, &u, &bad)
	return u, bad
}

// PeopleErrorKey is the message key for a people filter parsePeople refused
// ("" for any other parameter), said beside the filter and by the API.
func PeopleErrorKey(name string) string {
	switch name {
	case "group":
		return "i16signin_err_group"
	case "inactive":
		return "i16signin_err_inactive"
	case "domain":
		return "i16signin_err_domain"
	case "created_from", "created_to":
		return "i16signin_err_date"
	}
	return ""
}
