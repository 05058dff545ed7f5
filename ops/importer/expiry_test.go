package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/console-dev/console/ops/importer"
	"github.com/xuri/excelize/v2"
)

// An "Expires" column sets when each account ends: on creation and on an
// update, as a date, a day number, or a workbook's date cell; the same file
// again changes nothing; a past, unreadable or ambiguous (CSV "01-02-30")
// date is the row's error.
func TestImportSetsAccountExpiry(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	day := time.Now().AddDate(1, 0, 0).UTC().Truncate(24 * time.Hour)
	serial := int(day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	file := []byte("login,first name,last name,email,expires\n" +
		"alice,Alice,Martin,alice@acme.test," + day.Format(time.DateOnly) + "\n" +
		"bob,Bob,Test,bob@acme.test," + day.Format("01-02-06") + "\n" +
		"dora,Dora,Day,dora@acme.test," + itoa(serial) + "\n" +
		"carol,Carol,Test,carol@acme.test,2001-01-01\n" +
		"eve,Eve,Late,eve@acme.test,someday\n")
	plan := w.plan("e.csv", file)
	if plan.Counts[importer.Create] != 2 || plan.Counts[importer.Update] != 0 || plan.Counts[importer.Failed] != 3 {
		t.Fatalf("plan:\n%s", render(plan))
	}
	for _, r := range append(plan.Rows[1:2:2], plan.Rows[3:]...) {
		if r.Reason != "import_err_invalid_expires_at" {
			t.Errorf("line %d: %s, want the invalid end date", r.Line, r.Reason)
		}
	}
	w.apply(plan)
	// bob again, from a workbook whose cell is a date (Excel's short date)
	x := excelize.NewFile()
	_ = x.SetSheetRow("Sheet1", "A1", &[]any{"login", "email", "expires"})
	_ = x.SetSheetRow("Sheet1", "A2", &[]any{"bob", "bob@acme.test", day})
	short, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	_ = x.SetCellStyle("Sheet1", "C2", "C2", short)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	w.apply(w.plan("e.xlsx", buf.Bytes()))
	for _, login := range []string{"alice", "bob", "dora"} {
		a, err := w.st.AccountByLogin(ctx, w.tenant.ID, login)
		if err != nil || !a.ExpiresAt.Equal(day) {
			t.Errorf("%s ends %v (%v), want %v", login, a.ExpiresAt, err, day)
		}
	}
	if c, _ := w.st.AccountByLogin(ctx, w.tenant.ID, "carol"); !c.ExpiresAt.IsZero() {
		t.Errorf("carol, whose row was refused, ends %v", c.ExpiresAt)
	}
	events := w.events()
	again := w.plan("e.csv", file)
	if again.Counts[importer.Unchanged] != 2 {
		t.Fatalf("the same file again:\n%s", render(again))
	}
	w.apply(again)
	if got := w.events(); got != events {
		t.Fatalf("the second apply wrote %d audit events", got-events)
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

// A row whose end date is refused changes nothing else either: the date
// (and one's own account) is judged before the row's first step.
func TestImportRefusedEndChangesNothing(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	file := []byte("login,first name,last name,email,expires\n" +
		"bob,Robert,Test,bob@acme.test,31/01/2030\n" +
		"admin,Boss,Test,admin@acme.test,2099-01-01\n")
	plan := w.plan("e.csv", file)
	for _, r := range w.apply(plan) {
		if r.Kind != importer.Failed {
			t.Errorf("line %d: %s, want an error", r.Line, r.Kind)
		}
	}
	w.ops.SetImportRows(w.pl)
	if j := w.job("e.csv", file); j.Done != 0 || j.Skipped != 2 {
		t.Errorf("as a job: %d done, %d skipped, want both rows refused\n%s", j.Done, j.Skipped, w.items(j))
	}
	for login, first := range map[string]string{"bob": "Bob", "admin": "Admin"} {
		if a, _ := w.st.AccountByLogin(ctx, w.tenant.ID, login); a.FirstName != first || !a.ExpiresAt.IsZero() {
			t.Errorf("%s became %q ending %v: a refused row was partly applied", login, a.FirstName, a.ExpiresAt)
		}
	}
}
