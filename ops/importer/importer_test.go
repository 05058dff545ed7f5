package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/console-dev/console/ops/importer"
	"github.com/xuri/excelize/v2"
)

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
