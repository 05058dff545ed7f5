package web

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/console-dev/console/views"
)

// groupsQuery is the Users & Groups view's state. The panels' search and
// pages live in the URL; the selections travel in the form, never in the
// address bar.
type groupsQuery struct {
	Q, After, Before string // users panel
	Size             int
	GQ, GAfter       string // groups panel
	Group            int64  // the selected group
	Picked           []int64
	SelectPage       bool
	Expand           int64 // a group shown unfolded, after a change to it
}

func parseGroupsQuery(v url.Values) groupsQuery {
	q := groupsQuery{Size: 50}
	q.Q = clipRunes(strings.TrimSpace(v.Get("q")), 200)
	q.After, q.Before = v.Get("after"), v.Get("before")
	if n, err := strconv.Atoi(v.Get("size")); err == nil && slices.Contains(views.PageSizes, n) {
		q.Size = n
	}
	q.GQ = clipRunes(strings.TrimSpace(v.Get("gq")), 100)
	q.GAfter = v.Get("gafter")
	q.Group, _ = strconv.ParseInt(v.Get("g"), 10, 64)
	if id, err := strconv.ParseInt(v.Get("group_id"), 10, 64); err == nil && id > 0 {
		q.Group = id
	}
	switch v.Get("select") {
	case "page":
		q.SelectPage = true
	case "none":
		return q
	}
	q.Picked, _ = parseIDs(v["account_id"])
	if len(q.Picked) > maxPicked { // a crafted address cannot pre-select more than a change may carry
		q.Picked = q.Picked[:maxPicked]
	}
	return q
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// parseIDs reads ids, sorted and unique; bad is true when one is not an id.
func parseIDs(vals []string) (ids []int64, bad bool) {
	for _, v := range vals {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			bad = true
			continue
		}
		ids = append(ids, id)
	}
	return slices.Compact(slices.Sorted(slices.Values(ids))), bad
}

// url is the view's address: searches and pages, without the selections.
func (q groupsQuery) url() string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q.Q)
	set("after", q.After)
	set("before", q.Before)
	if q.Size != 50 {
		v.Set("size", strconv.Itoa(q.Size))
	}
	set("gq", q.GQ)
	set("gafter", q.GAfter)
	if enc := v.Encode(); enc != "" {
		return "/groups?" + enc
	}
	return "/groups"
}

// withParam appends one parameter to a view address.
func withParam(u, k, v string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + url.QueryEscape(k) + "=" + url.QueryEscape(v)
}

// encodeKey makes a keyset cursor of a name and an id, opaque in URLs.
func encodeKey(name string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10) + ":" + name))
}

func decodeKey(s string) (string, int64, bool) {
	if s == "" {
		return "", 0, true
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", 0, false
	}
	idStr, name, found := strings.Cut(string(b), ":")
	id, err := strconv.ParseInt(idStr, 10, 64)
	if !found || err != nil || id < 0 {
		return "", 0, false
	}
	return name, id, true
}
