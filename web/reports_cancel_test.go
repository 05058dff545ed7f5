package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/report"
)

// TestReportStopsWhenTheClientGoes: a failing writer or an ended context
// stops the query and returns an error.
func TestReportStopsWhenTheClientGoes(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	for i := range 300 {
		env.user(fmt.Sprintf("bulk%03d@acme.test", i), "standard", "active", "member")
	}
	for _, format := range []report.Format{report.CSV, report.XLSX} {
		w := &brokenWriter{limit: 2000}
		err := report.UserPermissions(context.Background(), env.st, w, format, env.tenant.ID, store.ReportFilter{All: true}, report.Options{Lang: "en"})
		if format == report.CSV && !errors.Is(err, errGone) {
			t.Errorf("%s: a broken connection gave %v", format, err)
		}
		if format == report.XLSX && err == nil {
			t.Errorf("%s: a broken connection gave no error", format)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err = report.UserPermissions(ctx, env.st, &bytes.Buffer{}, format, env.tenant.ID, store.ReportFilter{All: true}, report.Options{Lang: "en"})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: a cancelled request gave %v", format, err)
		}
	}
}

var errGone = errors.New("client gone")

type brokenWriter struct{ n, limit int }

func (w *brokenWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errGone
	}
	w.n += len(p)
	return len(p), nil
}
