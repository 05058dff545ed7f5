package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Excel's "Last active" is a date (a number with a date format), in the
// reader's zone, not text: it sorts and filters as dates. The CSV keeps the
// stamp with its offset.
func TestIssue16_Lead_ExcelLastActiveIsADate(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 28, 13, 3, 0, 0, time.UTC)
	if err := env.st.TouchActive(ctx, env.admin.ID, at); err != nil {
		t.Fatal(err)
	}
	c := viewer(t, env, "en")
	res := c.get("/users/report?all=1&format=xlsx")
	wantStatus(t, res, http.StatusOK)
	f, sheet, rows := xlsxRows(t, res.body)
	col := -1
	for i, h := range rows[0] {
		if h == "Last active" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no Last active column: %v", rows[0])
	}
	for r := 1; r < len(rows); r++ {
		if rows[r][0] != env.admin.Login {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
		typ, err := f.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || raw == "" || raw[0] < '0' || raw[0] > '9' {
			t.Fatalf("last active is text (%v) %q", typ, raw)
		}
		if shown, _ := f.GetCellValue(sheet, cell); shown != "2026-11-28 14:03:00" {
			t.Fatalf("shown %q, want the wall clock of the viewer's zone (Paris, +01:00)", shown)
		}
		return
	}
	t.Fatalf("admin %s not in the report", env.admin.Login)
}
