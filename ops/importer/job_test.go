package importer_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/ops/importer"
	"github.com/console-dev/console/store"
)

// job uploads content, starts its import through the guessed mapping and
// runs the job to its end.
func (w *world) job(name string, content []byte) store.Job {
	w.t.Helper()
	ctx := context.Background()
	f, err := w.ops.SaveImportFile(ctx, w.p(), name, content)
	if err != nil {
		w.t.Fatal(err)
	}
	tbl, err := importer.Parse(f.Name, f.Content, importer.DefaultLimits)
	if err != nil {
		w.t.Fatal(err)
	}
	m := importer.Guess(tbl.Header, nil)
	j, err := w.pl.Start(ctx, w.p(), f, m, importer.Fingerprint(f.SHA256, tbl.Header, m))
	if err != nil {
		w.t.Fatal(err)
	}
	for range 10 {
		if n, err := w.ops.WorkJobs(ctx, 50, time.Minute); err != nil {
			w.t.Fatal(err)
		} else if n == 0 {
			break
		}
	}
	if j, err = w.st.Job(ctx, w.tenant.ID, j.ID); err != nil {
		w.t.Fatal(err)
	}
	if j.Open() {
		w.t.Fatalf("job %d still %s", j.ID, j.Status)
	}
	return j
}

func (w *world) items(j store.Job) string {
	w.t.Helper()
	var b strings.Builder
	err := w.st.EachJobItem(context.Background(), j.ID, 0, 0, func(it store.JobItem) error {
		r, _ := importer.ItemRow(it.Payload)
		fmt.Fprintf(&b, "line %d %s: %s %s\n", r.Line, it.Label, it.Outcome, it.Reason)
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return b.String()
}

// The messy file as a job: what the preview planned is what is done; the
// same file again is all skipped and changes nobody.
func TestImportJob(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.ops.SetImportRows(w.pl)
	j := w.job("people.csv", read(t, "messy.csv"))
	golden(t, "messy_job.golden", w.items(j))
	if j.Done != 3 || j.Skipped != 5 || j.Failed != 0 {
		t.Fatalf("job counts %d done, %d skipped, %d failed", j.Done, j.Skipped, j.Failed)
	}
	if a, err := w.st.AccountByLogin(context.Background(), w.tenant.ID, "alice"); err != nil || a.LastName != "Martin" {
		t.Fatalf("alice: %+v %v", a, err)
	}
	events := w.events()
	again := w.job("people.csv", read(t, "messy.csv"))
	if again.Done != 0 || again.Skipped != 8 {
		t.Fatalf("second job: %d done, %d skipped\n%s", again.Done, again.Skipped, w.items(again))
	}
	if w.events() != events {
		t.Fatal("the second import changed something")
	}
}

// The apply names the file and mapping previewed: another mapping (or
// file) is refused, nothing queued.
func TestImportStartChecksTheFingerprint(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	f, err := w.ops.SaveImportFile(ctx, w.p(), "p.csv", []byte("login,email\nzoe,zoe@acme.test\n"))
	if err != nil {
		t.Fatal(err)
	}
	tbl, _ := importer.Parse(f.Name, f.Content, importer.DefaultLimits)
	previewed := importer.Guess(tbl.Header, nil)
	fp := importer.Fingerprint(f.SHA256, tbl.Header, previewed)
	_, err = w.pl.Start(ctx, w.p(), f, importer.Mapping{importer.Login: 0}, fp)
	var fe *importer.FileError
	if !errors.As(err, &fe) || fe.Key != "import_err_changed" {
		t.Fatalf("another mapping: %v", err)
	}
	jobs, _ := w.st.Jobs(ctx, w.tenant.ID, 10)
	if len(jobs) != 0 {
		t.Fatal("a job was queued")
	}
}
