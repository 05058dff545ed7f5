package importer_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/importer"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

type noLinks struct{}

func (noLinks) Link(context.Context, ops.Principal, store.Account, string) (store.Link, error) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return store.Link{Purpose: "invite", Hash: hex.EncodeToString(b)}, nil
}

func (noLinks) Queued() {}

// world is a tenant Acme (its admin, bob and carol), a tenant Other the
// admin cannot reach, and a planner over them.
type world struct {
	t      *testing.T
	st     *store.Store
	ops    *ops.Ops
	pl     *importer.Planner
	tenant store.Tenant
	admin  store.Account
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	tn, err := st.CreateTenant(ctx, "Acme", "acme", 0, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateTenant(ctx, "Other", "other", 0, auth.BuiltinRoles()); err != nil {
		t.Fatal(err)
	}
	o := ops.New(st, auth.NewHasher(time.Minute), noLinks{}, nil)
	w := &world{t: t, st: st, ops: o, pl: importer.New(o, st), tenant: tn}
	w.admin = w.person("admin", "admin")
	w.person("bob", "standard")
	w.person("carol", "standard")
	return w
}

func (w *world) person(login, userType string) store.Account {
	w.t.Helper()
	n := store.NewAccount{Profile: store.Profile{FirstName: strings.ToUpper(login[:1]) + login[1:], LastName: "Test",
		Email: login + "@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: userType},
		Login: login, Status: "active", AuthMethod: "password", PasswordHash: "x"}
	a, err := w.st.CreateAccount(context.Background(), store.Actor{TenantID: w.tenant.ID}, n)
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

func (w *world) p() ops.Principal {
	return ops.Principal{TenantID: w.tenant.ID, AccountID: w.admin.ID, IP: "192.0.2.1"}
}

// plan parses the file and plans it through the guessed mapping.
func (w *world) plan(name string, content []byte) importer.Plan {
	w.t.Helper()
	tbl, err := importer.Parse(name, content, importer.DefaultLimits)
	if err != nil {
		w.t.Fatalf("parse: %v", err)
	}
	plan, err := w.pl.Plan(context.Background(), w.p(), tbl, importer.Guess(tbl.Header, nil))
	if err != nil {
		w.t.Fatalf("plan: %v", err)
	}
	return plan
}

// apply applies every row of plan, as the job does.
func (w *world) apply(plan importer.Plan) []importer.Planned {
	w.t.Helper()
	var out []importer.Planned
	for _, r := range plan.Rows {
		got, err := w.pl.ApplyRow(context.Background(), w.p(), r)
		if err != nil {
			w.t.Fatalf("apply line %d: %v", r.Line, err)
		}
		out = append(out, got)
	}
	return out
}

// events counts the tenant's audit events but the jobs' and the imports'
// own (job.create, job.finish, import.upload, import.mapping): the changes
// made to people.
func (w *world) events() int {
	w.t.Helper()
	ev, err := w.st.AuditEvents(context.Background(), w.tenant.ID, store.AuditFilter{Limit: 1000})
	if err != nil {
		w.t.Fatal(err)
	}
	n := 0
	for _, e := range ev {
		if !strings.HasPrefix(string(e.Action), "job.") && !strings.HasPrefix(string(e.Action), "import.") {
			n++
		}
	}
	return n
}

// render is a plan as the golden files hold it.
func render(plan importer.Plan) string {
	var b strings.Builder
	for _, r := range plan.Rows {
		fmt.Fprintf(&b, "line %d: %s", r.Line, r.Kind)
		if r.Reason != "" {
			fmt.Fprintf(&b, " %s", r.Reason)
		}
		if r.Detail != "" {
			fmt.Fprintf(&b, " (%s)", r.Detail)
		}
		for _, wn := range r.Warnings {
			fmt.Fprintf(&b, " warn:%s", wn)
		}
		b.WriteString("\n")
	}
	for _, k := range importer.Kinds {
		fmt.Fprintf(&b, "%s: %d\n", k, plan.Counts[k])
	}
	for _, wn := range plan.Warnings {
		fmt.Fprintf(&b, "file warning: %s\n", wn)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("%s differs (go test -update to rewrite):\n--- got\n%s--- want\n%s", name, got, want)
	}
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
