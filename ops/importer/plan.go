package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// Kind is what a row does.
type Kind string

// The kinds of row.
const (
	Create    Kind = "create"
	Update    Kind = "update"
	Unchanged Kind = "unchanged"
	Failed    Kind = "error"
)

// Kinds lists them in the order the preview counts them.
var Kinds = []Kind{Failed, Create, Update, Unchanged}

// Planned is one row's plan (or, from ApplyRow, its result): what it does,
// and for an error why (Reason is a message key, Detail what it names: a
// role, a group, a line, a field). In holds the row's values, so the row
// can be applied, or planned again, alone.
type Planned struct {
	Line      int               `json:"line"`
	Kind      Kind              `json:"kind"`
	Reason    string            `json:"reason,omitempty"`
	Detail    string            `json:"detail,omitempty"`
	Fields    map[string]string `json:"fields,omitempty"` // the operation's messages per field (translated)
	Warnings  []string          `json:"warnings,omitempty"`
	AccountID int64             `json:"account_id,omitempty"`
	In        Values            `json:"in"`
}

// Plan is a whole file's plan.
type Plan struct {
	Rows     []Planned
	Counts   map[Kind]int
	Warnings []string // the file's: the columns no field reads
	// Rehearsed counts the rows the operations judged; beyond Rehearse,
	// a row's kind comes from the file and the lookups alone (who exists,
	// the roles, groups and tenants named), and the operations judge the
	// rest of its rules when it is applied.
	Rehearsed int
	Beyond    int // the rows judged by the lookups alone
}

// DefaultRehearse is how many rows a preview asks the operations about
// (each a transaction rolled back): a preview of 100,000 rows would take
// minutes otherwise.
const DefaultRehearse = 1000

// Planner plans and applies imports through the operations.
type Planner struct {
	ops *ops.Ops
	st  *store.Store
	// Rehearse is how many rows Plan asks the operations about (0:
	// DefaultRehearse).
	Rehearse int
}

// New returns a planner over the operations o and their store st.
func New(o *ops.Ops, st *store.Store) *Planner { return &Planner{ops: o, st: st} }

// Fingerprint names a file (its sha256) read through a mapping: the apply
// of a preview must name the same.
func Fingerprint(fileSHA string, header []string, m Mapping) string {
	sum := sha256.Sum256([]byte(fileSHA + "\n" + m.JSON(header)))
	return hex.EncodeToString(sum[:16])
}

// CheckMapping refuses a mapping that names nobody: neither login nor
// email read.
func CheckMapping(m Mapping) error {
	if !m.mapped(Login) && !m.mapped(Email) {
		return &FileError{Key: "import_err_no_key_column"}
	}
	return nil
}

// Plan plans every row of t read through m, for p acting: what the
// operations would do with it, asked in a rehearsal that writes nothing.
// Duplicates in the file are errors on their later line. The error is the
// file's (a bad mapping) or the database's; a row's refusal is its Planned.
func (pl *Planner) Plan(ctx context.Context, p ops.Principal, t Table, m Mapping) (Plan, error) {
	if err := CheckMapping(m); err != nil {
		return Plan{}, err
	}
	plan := Plan{Counts: map[Kind]int{}, Warnings: m.Unmapped(t.Header)}
	rows := Rows(t, m)
	byTenant := map[string][]Values{}
	for _, r := range rows {
		byTenant[r.In.Tenant] = append(byTenant[r.In.Tenant], r.In)
	}
	limit := pl.Rehearse
	if limit <= 0 {
		limit = DefaultRehearse
	}
	scopes := map[string]*scope{}
	for i := range rows {
		r := &rows[i]
		if r.Kind == Failed {
			plan.Counts[Failed]++
			continue
		}
		sc, ok := scopes[r.In.Tenant]
		if !ok {
			var err error
			if sc, err = pl.scope(ctx, p, r.In.Tenant, byTenant[r.In.Tenant]); err != nil {
				return Plan{}, err
			}
			scopes[r.In.Tenant] = sc
		}
		switch {
		case plan.Rehearsed < limit:
			plan.Rehearsed++
			dry, _ := store.DryRun(ctx)
			if err := pl.one(dry, sc, r); err != nil {
				return Plan{}, err
			}
		case sc.refused != "":
			plan.Beyond++
			fail(r, sc.refused, r.In.Tenant)
		default:
			plan.Beyond++
			decide(sc, r)
		}
		plan.Counts[r.Kind]++
	}
	plan.Rows = rows
	return plan, nil
}

// Rows reads t's rows through m, as far as the file alone decides them:
// their values and warnings, and the duplicates (errors on their later
// line); what the database decides is left to Plan and ApplyRow.
func Rows(t Table, m Mapping) []Planned {
	rows := make([]Planned, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = Planned{Line: r.Line, In: m.values(r, t.Sheet), Warnings: warnings(r, len(t.Header))}
	}
	duplicates(rows)
	return rows
}

// ApplyRow applies one planned row for p, for real, through the
// operations: the row is planned again against what is there now (a
// "create" whose login now exists becomes an update, or unchanged), then
// done. A row planned as an error is returned as it is, not applied. The
// result's Kind is what was done, or Failed with its reason; the error is
// the database's alone (the row may be tried again).
func (pl *Planner) ApplyRow(ctx context.Context, p ops.Principal, r Planned) (Planned, error) {
	if r.Kind == Failed {
		return r, nil
	}
	out := Planned{Line: r.Line, In: r.In, Warnings: r.Warnings}
	if store.InDryRun(ctx) {
		return out, fmt.Errorf("importer: apply under a rehearsal")
	}
	sc, err := pl.scope(ctx, p, r.In.Tenant, []Values{r.In})
	if err != nil {
		return out, err
	}
	return out, pl.one(ctx, sc, &out)
}

// warnings are a row's: a cell a spreadsheet would read as a formula
// (kept as text), cells beyond the header (ignored).
func warnings(r Row, width int) []string {
	var w []string
	if slices.ContainsFunc(r.Cells, formula) {
		w = append(w, "import_warn_formula")
	}
	for _, c := range r.Cells[min(width, len(r.Cells)):] {
		if strings.TrimSpace(c) != "" {
			w = append(w, "import_warn_extra_cells")
			break
		}
	}
	return w
}

// duplicates marks a row naming a login (in its tenant) or an email a row
// above named already.
func duplicates(rows []Planned) {
	seen := map[string]int{}
	for i := range rows {
		r := &rows[i]
		var keys []string
		if r.In.Login != "" {
			keys = append(keys, "l\x00"+r.In.Tenant+"\x00"+r.In.Login)
		}
		if r.In.Email != "" {
			keys = append(keys, "e\x00"+r.In.Email)
		}
		for _, k := range keys {
			if line, ok := seen[k]; ok {
				r.Kind, r.Reason, r.Detail = Failed, "import_err_duplicate", fmt.Sprint(line)
				break
			}
		}
		if r.Kind == Failed {
			continue
		}
		for _, k := range keys {
			seen[k] = r.Line
		}
	}
}
