package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// dfDecide classifies an answer: allowed is a 2xx/3xx that really changed
// the store; refused is 403/404/409/422 that changed nothing; anything else
// is reported as it is.
func dfDecide(status int, changed bool) string {
	switch {
	case status >= 200 && status < 400 && changed:
		return "allowed"
	case (status == http.StatusForbidden || status == http.StatusNotFound || status == http.StatusConflict ||
		status == http.StatusUnprocessableEntity) && !changed:
		return "refused"
	case changed:
		return fmt.Sprintf("CHANGED-%d", status)
	}
	return fmt.Sprintf("unchanged-%d", status)
}

// dfRow is one line of the result table.
type dfRow struct {
	name, console, api, want, why string
}

func (r dfRow) ok() bool { return r.console == r.want && r.api == r.want }

type dfTable struct {
	mu   sync.Mutex
	rows []dfRow
}

func (tb *dfTable) add(r dfRow) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.rows = append(tb.rows, r)
}

// failing prints the rows that failed (all of them if all), sorted, as a
// compact table.
func (tb *dfTable) failing(all bool) string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var bad []dfRow
	for _, r := range tb.rows {
		if all || !r.ok() {
			bad = append(bad, r)
		}
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].name < bad[j].name })
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d rows shown\n%-58s %-15s %-15s %-8s %s\n", len(bad), len(tb.rows), "op/actor/target", "console", "api", "want", "why")
	for _, r := range bad {
		fmt.Fprintf(&b, "%-58s %-15s %-15s %-8s %s\n", r.name, r.console, r.api, r.want, r.why)
	}
	return b.String()
}
