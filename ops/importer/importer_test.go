package importer_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
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
	"github.com/xuri/excelize/v2"
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

// The messy CSV: BOM, semicolons, CRLF, a quoted newline, a duplicate
// login, an unknown role, a formula cell, a tenant out of reach, and a
// person unchanged, one updated, new ones.
func TestMessyCSVPreview(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	before := w.events()
	plan := w.plan("people.csv", read(t, "messy.csv"))
	golden(t, "messy.golden", render(plan))
	if w.events() != before {
		t.Fatal("the preview wrote audit events")
	}
	if _, err := w.st.AccountByLogin(context.Background(), w.tenant.ID, "alice"); err == nil {
		t.Fatal("the preview created alice")
	}
}

// The same file applied twice: the second plan is all unchanged, and its
// apply writes nothing.
func TestImportTwiceChangesNothing(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	file := []byte("login,first name,last name,email,roles,groups\n" +
		"alice,Alice,Martin,alice@acme.test,Member,\n" +
		"bob,Robert,Test,bob@acme.test,\"Member, Auditor\",Sales\n" +
		",Nina,Noname,nina@acme.test,,Sales\n")
	if _, err := w.ops.CreateGroup(context.Background(), w.p(), "Sales", ""); err != nil {
		t.Fatal(err)
	}
	first := w.plan("p.csv", file)
	if first.Counts[importer.Create] != 2 || first.Counts[importer.Update] != 1 {
		t.Fatalf("first plan:\n%s", render(first))
	}
	for _, r := range w.apply(first) {
		if r.Kind != first.Rows[0].Kind && r.Kind == importer.Failed {
			t.Fatalf("line %d failed: %s %s", r.Line, r.Reason, r.Detail)
		}
	}
	bob, err := w.st.AccountByLogin(context.Background(), w.tenant.ID, "bob")
	if err != nil || bob.FirstName != "Robert" {
		t.Fatalf("bob after apply: %+v %v", bob, err)
	}
	if _, err := w.st.AccountByLogin(context.Background(), w.tenant.ID, "nina@acme.test"); err != nil {
		t.Fatalf("nina, given no login, is created under her email: %v", err)
	}
	events := w.events()
	second := w.plan("p.csv", file)
	if second.Counts[importer.Unchanged] != 3 {
		t.Fatalf("second plan is not all unchanged:\n%s", render(second))
	}
	for _, r := range w.apply(second) {
		if r.Kind != importer.Unchanged {
			t.Fatalf("second apply, line %d: %s %s", r.Line, r.Kind, r.Reason)
		}
	}
	if got := w.events(); got != events {
		t.Fatalf("the second apply wrote %d audit events", got-events)
	}
}

// The messy file applied: its errors stay errors, the rest is done; again,
// nothing more happens.
func TestMessyApplyThenAgain(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	plan := w.plan("people.csv", read(t, "messy.csv"))
	got := w.apply(plan)
	for i, r := range got {
		want := plan.Rows[i].Kind
		if r.Kind != want {
			t.Fatalf("line %d planned %s, applied %s %s", r.Line, want, r.Kind, r.Reason)
		}
	}
	events := w.events()
	again := w.plan("people.csv", read(t, "messy.csv"))
	if again.Counts[importer.Create]+again.Counts[importer.Update] != 0 {
		t.Fatalf("second plan:\n%s", render(again))
	}
	w.apply(again)
	if w.events() != events {
		t.Fatal("the second apply changed something")
	}
}

func TestXLSX(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	rows := [][]any{
		{"Identifiant", "Prénom", "Nom", "Courriel", "Type"},
		{"alice", "Alice", "Martin", "Alice@Acme.test", "Administrateur"},
		{},
		{"bob", "Bob", "Test", "bob@acme.test", "standard"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tbl, err := importer.Parse("people.xlsx", buf.Bytes(), importer.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(tbl.Rows) != 2 || tbl.Rows[0].Line != 2 || tbl.Rows[1].Line != 4 {
		t.Fatalf("rows: %+v", tbl.Rows)
	}
	m := importer.Guess(tbl.Header, nil)
	want := importer.Mapping{importer.Login: 0, importer.FirstName: 1, importer.LastName: 2, importer.Email: 3, importer.UserType: 4}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Fatalf("guessed %v, want %v", m, want)
	}
	w := newWorld(t)
	plan, err := w.pl.Plan(context.Background(), w.p(), tbl, m)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "xlsx.golden", render(plan))
}

// A remembered mapping wins over the guess by name.
func TestRememberedMapping(t *testing.T) {
	t.Parallel()
	header := []string{"Email", "Who", "Mail 2"}
	saved := importer.ParseSaved(`{"login":"Who","email":"Mail 2"}`)
	m := importer.Guess(header, saved)
	if m[importer.Login] != 1 || m[importer.Email] != 2 {
		t.Fatalf("mapping %v", m)
	}
	if got := importer.ParseSaved(m.JSON(header)); got["login"] != "Who" || got["email"] != "Mail 2" {
		t.Fatalf("saved again as %v", got)
	}
}

func TestBadFiles(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte("x"), 101)
	many := "login\n" + strings.Repeat("someone\n", 11)
	for _, c := range []struct {
		name, file string
		content    []byte
		key        string
	}{
		{"empty", "a.csv", nil, "import_err_empty"},
		{"blank", "a.csv", []byte(" \r\n\r\n"), "import_err_empty"},
		{"header only", "a.csv", []byte("login,email\r\n"), "import_err_no_rows"},
		{"invalid utf-8", "a.csv", []byte("login\nal\xffce\n"), "import_err_utf8"},
		{"too large", "a.csv", big, "import_err_too_big"},
		{"too many rows", "a.csv", []byte(many), "import_err_too_many"},
		{"binary", "a.csv", []byte("login\n\x00\x01\x02\x03\n"), "import_err_binary"},
		{"zip that is no xlsx", "a.csv", []byte("PK\x03\x04garbage"), "import_err_xlsx"},
		{"xlsx name, csv content", "a.xlsx", []byte("login\nalice\n"), "import_err_xlsx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := importer.Parse(c.file, c.content, importer.Limits{MaxBytes: 100, MaxRows: 10})
			var fe *importer.FileError
			if !errors.As(err, &fe) || fe.Key != c.key {
				t.Fatalf("got %v, want %s", err, c.key)
			}
		})
	}
	t.Run("no login or email mapped", func(t *testing.T) {
		w := newWorld(t)
		tbl, err := importer.Parse("a.csv", []byte("first name,last name\nAl,Bo\n"), importer.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.pl.Plan(context.Background(), w.p(), tbl, importer.Guess(tbl.Header, nil))
		var fe *importer.FileError
		if !errors.As(err, &fe) || fe.Key != "import_err_no_key_column" {
			t.Fatalf("got %v", err)
		}
	})
}

// A service provider's file names a customer by its slug: the row is
// planned and applied in that customer, with the actor's access there.
func TestImportIntoACustomer(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	beta, err := w.st.CreateTenant(ctx, "Beta", "beta", w.tenant.ID, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	roles, err := w.st.Roles(ctx, beta.ID)
	if err != nil {
		t.Fatal(err)
	}
	var admin int64
	for _, r := range roles {
		if r.BuiltinKey == "tenant_admin" {
			admin = r.ID
		}
	}
	if _, err := w.st.SetMemberRoles(ctx, store.Actor{TenantID: beta.ID}, w.admin.ID, []int64{admin}); err != nil {
		t.Fatal(err)
	}
	file := []byte("login,first name,last name,email,tenant\nbeth,Beth,Test,beth@beta.test,beta\nhome,Home,Test,home@acme.test,acme\nnope,No,Pe,nope@other.test,other\n")
	plan := w.plan("p.csv", file)
	golden(t, "customer.golden", render(plan))
	w.apply(plan)
	if _, err := w.st.AccountByLogin(ctx, beta.ID, "beth"); err != nil {
		t.Fatalf("beth is not in Beta: %v", err)
	}
	if _, err := w.st.AccountByLogin(ctx, w.tenant.ID, "home"); err != nil {
		t.Fatalf("home is not in Acme: %v", err)
	}
}

// A User Manager's file cannot give more than they hold: the row asking
// for Tenant Administrator is an error, at preview and at apply alike.
func TestImportFollowsActFor(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	roles, err := w.st.Roles(ctx, w.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, r := range roles {
		ids[r.BuiltinKey] = r.ID
	}
	um, err := w.st.CreateAccount(ctx, store.Actor{TenantID: w.tenant.ID}, store.NewAccount{Profile: store.Profile{FirstName: "Uma",
		LastName: "Test", Email: "um@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "um", Status: "active", AuthMethod: "password", PasswordHash: "x", RoleIDs: []int64{ids["user_manager"]}})
	if err != nil {
		t.Fatal(err)
	}
	w.admin = um // the planner acts as w.p(): now the User Manager
	file := []byte("login,first name,last name,email,roles\nboss,Boss,Test,boss@acme.test,Tenant Administrator\nmia,Mia,Test,mia@acme.test,Member\nadmin,Admin,Changed,admin@acme.test,\nzed,Zed,Test,zed@acme.test,\n")
	plan := w.plan("p.csv", file)
	golden(t, "actfor.golden", render(plan))
	for i, r := range w.apply(plan) {
		if r.Kind != plan.Rows[i].Kind {
			t.Fatalf("line %d: planned %s, applied %s", r.Line, plan.Rows[i].Kind, r.Kind)
		}
	}
	if _, err := w.st.AccountByLogin(ctx, w.tenant.ID, "boss"); err == nil {
		t.Fatal("boss was created with a role beyond the User Manager's")
	}
}

// Beyond the rows rehearsed, the preview judges by the lookups alone: the
// name the form would refuse (line 5) is found when applied.
func TestPreviewRehearsesTheFirstRows(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.pl.Rehearse = 2
	plan := w.plan("people.csv", read(t, "messy.csv"))
	golden(t, "messy_rehearse2.golden", render(plan))
	if plan.Rehearsed != 2 || plan.Beyond != 5 {
		t.Fatalf("rehearsed %d rows and %d beyond, want 2 and 5", plan.Rehearsed, plan.Beyond)
	}
	got := w.apply(plan)
	if got[3].Line != 5 || got[3].Kind != importer.Failed || got[3].Reason != "import_err_invalid_last_name" {
		t.Fatalf("line 5 applied as %+v", got[3])
	}
}

// Under external provisioning people come from the identity provider: a
// new person's row is refused (the operations' lock), not a failure.
func TestImportUnderExternalProvisioning(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	if err := w.st.SetProvisioning(ctx, store.Actor{TenantID: w.tenant.ID, AccountID: w.admin.ID},
		store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	plan := w.plan("p.csv", []byte("login,first name,last name,email\nnew,New,Person,new@acme.test\n"))
	if r := plan.Rows[0]; r.Kind != importer.Failed || r.Reason != "scim_err_external" {
		t.Fatalf("row planned %s %s", r.Kind, r.Reason)
	}
}
