package importer_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/console-dev/console/ops/importer"
	"github.com/xuri/excelize/v2"
)

// fileKey is the key of the refusal of the whole file, "" when read.
func fileKey(t *testing.T, name string, content []byte) (importer.Table, string) {
	t.Helper()
	tbl, err := importer.Parse(name, content, importer.DefaultLimits)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return tbl, fe.Key
	}
	if err != nil {
		t.Fatal(err)
	}
	return tbl, ""
}

// bomb is a workbook of a few hundred kilobytes whose parts unzip to size
// bytes each: the worksheet is a header, one person and then spaces.
func bomb(t *testing.T, parts int, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for i := range parts {
		name := "xl/worksheets/sheet1.xml"
		if i > 0 {
			name = "xl/worksheets/sheet" + strings.Repeat("9", i) + ".xml"
		}
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		head := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>login</t></is></c></row>`
		w.Write([]byte(head))
		pad := bytes.Repeat([]byte(" "), 1<<20)
		for n := len(head); n < size; n += len(pad) {
			w.Write(pad)
		}
		w.Write([]byte(`</sheetData></worksheet>`))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A small upload that inflates past the bounds is refused before the
// workbook is read, with a message that says what to do.
func TestWorkbookBombIsRefused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name        string
		parts, size int
	}{
		{"one part past 64 MB", 1, 65 << 20},
		{"parts past 128 MB together", 3, 50 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			content := bomb(t, c.parts, c.size)
			if len(content) > 1_000_000 {
				t.Fatalf("the bomb is %d bytes: not a bomb", len(content))
			}
			if _, key := fileKey(t, "people.xlsx", content); key != "import_err_xlsx_big" {
				t.Fatalf("got %q, want import_err_xlsx_big", key)
			}
		})
	}
}

func workbook(t *testing.T, cells map[string]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	for cell, v := range cells {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Columns: blank ones after the last filled are dropped (Excel and
// exports pad rows), a row filling more than 100 is refused.
func TestColumnsAreBounded(t *testing.T) {
	t.Parallel()
	padded := "login,email" + strings.Repeat(",", 5000) + "\nada,ada@acme.test" + strings.Repeat(",", 5000) + "\n"
	tbl, key := fileKey(t, "people.csv", []byte(padded))
	if key != "" || len(tbl.Header) != 2 || len(tbl.Rows) != 1 || len(tbl.Rows[0].Cells) != 2 {
		t.Fatalf("padded CSV: %q, header %d, rows %+v", key, len(tbl.Header), tbl.Rows)
	}
	wide := "login" + strings.Repeat(",x", 100) + "\nada\n"
	if _, key := fileKey(t, "people.csv", []byte(wide)); key != "import_err_too_many_cols" {
		t.Fatalf("101 columns in a CSV: %q", key)
	}
	// One value in Excel's last column makes every row 16,384 cells wide.
	far := workbook(t, map[string]string{"A1": "login", "A2": "ada", "XFD2": "x"})
	if _, key := fileKey(t, "people.xlsx", far); key != "import_err_too_many_cols" {
		t.Fatalf("a value in column XFD: %q", key)
	}
}

// Rows far below the data cost nothing and are read, up to Excel's last row.
func TestFarRowsAreRead(t *testing.T) {
	t.Parallel()
	tbl, key := fileKey(t, "people.xlsx", workbook(t, map[string]string{"A1": "login", "A2": "ada", "A1048576": "zoe"}))
	if key != "" || len(tbl.Rows) != 2 || tbl.Rows[1].Line != 1048576 || tbl.Rows[1].Cells[0] != "zoe" {
		t.Fatalf("%q %+v", key, tbl.Rows)
	}
}
