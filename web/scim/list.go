package scim

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/web/scim/filter"
)

// ListURN is the schema of a list answer (RFC 7644 §3.4.2).
const ListURN = "urn:ietf:params:scim:api:messages:2.0:ListResponse"

// Paging limits: count defaults to DefaultCount and is cut to MaxCount.
const (
	DefaultCount = 100
	MaxCount     = 1000
)

// page is what a list request asks for.
type page struct {
	where      string
	args       []any
	startIndex int // 1-based
	count      int
}

// pageOf reads filter, startIndex (1-based; below 1 is 1) and count
// (default 100, at most 1000; 0 asks for totalResults alone; negative is 0).
func pageOf(c echo.Context, s filter.Schema, urn string) (page, error) {
	p := page{startIndex: 1, count: DefaultCount}
	if f := c.QueryParam("filter"); strings.TrimSpace(f) != "" {
		where, args, err := filter.Translate(f, s, urn)
		if err != nil {
			return p, err
		}
		p.where, p.args = where, args
	}
	if v := strings.TrimSpace(c.QueryParam("startIndex")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, badRequest("invalidValue", "startIndex must be an integer.")
		}
		p.startIndex = max(1, n)
	}
	if v := strings.TrimSpace(c.QueryParam("count")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, badRequest("invalidValue", "count must be an integer.")
		}
		p.count = min(max(0, n), MaxCount)
	}
	// sortBy is not supported (ServiceProviderConfig says so) and ignored:
	// the order is the resources' ids, stable across pages.
	return p, nil
}

// listResponse is a ListResponse of resources.
func listResponse(total, startIndex int, resources []map[string]any) map[string]any {
	if resources == nil {
		resources = []map[string]any{}
	}
	return map[string]any{"schemas": []string{ListURN}, "totalResults": total, "startIndex": startIndex,
		"itemsPerPage": len(resources), "Resources": resources}
}
