package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/importer"
	"github.com/console-dev/console/store"
)

var importOnly = flag.Bool("import-only", false, "measure only an import of people (CSV, preview then job)")

// importCSV is a file of n new people as Excel writes it in French
// (semicolons, a BOM, CRLF), each with a role and sign-in by SSO (no
// activation mail to queue).
func importCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeffIdentifiant;Prénom;Nom;Courriel;Rôles;Méthode de connexion\r\n")
	for i := range n {
		fmt.Fprintf(&b, "imp%06d;%s;Importé%06d;imp%06d@example.com;Member;sso\r\n", i, firstName(i), i, i)
	}
	return b.Bytes()
}

// importBench measures an import as the console runs it, in process: the
// file parsed and previewed (the first rows rehearsed by the operations),
// frozen into a job, then applied row by row through the operations (each
// its own transaction and audit event) by the background worker; then the
// same file again, which changes nothing. Items per second and the peak Go
// heap of each phase, 100,000 rows against 10,000.
func importBench(ctx context.Context, dir string, out io.Writer) error {
	fmt.Fprintln(out, "Import (CSV, SQLite, one worker):")
	type measure struct {
		n                   int
		preview, run, again time.Duration
		peakPreview, peak   uint64
	}
	var ms []measure
	for _, n := range jobSizes {
		m, err := func() (measure, error) {
			m := measure{n: n}
			st, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("import-%d.db", n)))
			if err != nil {
				return m, err
			}
			defer st.Close()
			t, err := st.CreateTenant(ctx, "Import", "import", 0, auth.BuiltinRoles())
			if err != nil {
				return m, err
			}
			admin, err := st.CreateAccount(ctx, store.Actor{TenantID: t.ID}, store.NewAccount{Profile: store.Profile{FirstName: "Bench",
				LastName: "Admin", Email: "admin@bench.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "admin"},
				Login: "admin", Status: "active", AuthMethod: "password", PasswordHash: "x"})
			if err != nil {
				return m, err
			}
			o := ops.New(st, auth.NewHasher(time.Minute), noLinks{}, nil)
			pl := importer.New(o, st)
			o.SetImportRows(pl)
			p := ops.Principal{TenantID: t.ID, HomeTenantID: t.ID, AccountID: admin.ID, IP: "bench"}
			// one pass: upload, preview, confirm (frozen), run; twice
			pass := func() (preview, run time.Duration, peakPreview, peak uint64, done int, err error) {
				var j store.Job
				preview, peakPreview = withPeakHeap(func() {
					// the file is made here, as an upload's body, so that the
					// run does not hold it as a server would not
					var f store.ImportFile
					if f, err = o.SaveImportFile(ctx, p, "personnes.csv", importCSV(n)); err != nil {
						return
					}
					var tbl importer.Table
					if tbl, err = importer.Parse(f.Name, f.Content, importer.DefaultLimits); err != nil {
						return
					}
					mp := importer.Guess(tbl.Header, nil)
					if _, err = pl.Plan(ctx, p, tbl, mp); err != nil {
						return
					}
					j, err = pl.Start(ctx, p, f, mp, importer.Fingerprint(f.SHA256, tbl.Header, mp))
				})
				if err != nil {
					return
				}
				run, peak = withPeakHeap(func() {
					for {
						k, werr := o.WorkJobs(ctx, 50, time.Minute)
						if werr != nil || k == 0 {
							err = werr
							return
						}
					}
				})
				if err == nil {
					j, err = st.Job(ctx, t.ID, j.ID)
				}
				return preview, run, peakPreview, peak, j.Done, err
			}
			var done int
			if m.preview, m.run, m.peakPreview, m.peak, done, err = pass(); err != nil {
				return m, err
			}
			if done != n {
				return m, fmt.Errorf("import did %d of %d rows", done, n)
			}
			if _, m.again, _, _, _, err = pass(); err != nil {
				return m, err
			}
			if c, _, err := st.CountUsers(ctx, t.ID, store.UserFilter{IncludeNoRole: true, ShowDeactivated: true}, 2*n); err != nil || c != n+1 {
				return m, fmt.Errorf("after importing twice: %d accounts (%v), want %d", c, err, n+1)
			}
			return m, nil
		}()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  %s rows: preview and confirm %s (peak heap %.1f MB); ran in %s: %.0f rows/s, peak heap %.1f MB; the same file again: %.0f rows/s, nothing changed\n",
			short(n), m.preview.Round(time.Millisecond), mb(m.peakPreview), m.run.Round(time.Millisecond),
			float64(n)/m.run.Seconds(), mb(m.peak), float64(n)/m.again.Seconds())
		ms = append(ms, m)
	}
	small, big := ms[0], ms[len(ms)-1]
	rate := func(m measure) float64 { return float64(m.n) / m.run.Seconds() }
	fmt.Fprintf(out, "  rows/s %s / %s: %.2fx (flat: 1.0x)\n", short(big.n), short(small.n), rate(big)/rate(small))
	verdict := "ok"
	if float64(big.peak) > 1.2*float64(small.peak) {
		verdict = "OVER"
	}
	fmt.Fprintf(out, "  peak heap of the run %s / %s: %.2fx (bound 1.2x) %s\n", short(big.n), short(small.n),
		float64(big.peak)/float64(small.peak), verdict)
	fmt.Fprintf(out, "  peak heap of the preview %s / %s: %.2fx (the file is read whole: bounded by its 8 MB limit)\n",
		short(big.n), short(small.n), float64(big.peakPreview)/float64(small.peakPreview))
	return nil
}
