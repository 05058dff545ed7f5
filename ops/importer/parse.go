// Package importer imports people from a CSV or XLSX file: it reads the
// file, maps its columns to fields, plans every row (create, update,
// unchanged, error) by asking the operations themselves in a rehearsal that
// writes nothing, and applies a planned row through the same operations.
package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Limits bound what a file may hold; a zero field bounds nothing.
type Limits struct {
	MaxBytes int64 // the file's size
	MaxRows  int   // rows after the header
	MaxCols  int   // columns holding something, per row
	// MaxUnzipped bounds an XLSX workbook once unzipped (all its parts), and
	// MaxPart each part: a few kilobytes of ZIP can inflate to gigabytes.
	MaxUnzipped, MaxPart int64
}

// DefaultLimits: 8 MB and 100,000 people of at most 100 columns; a
// workbook unzips to at most 128 MB, 64 MB a part (100,000 rows of ten
// columns take about 40 MB).
var DefaultLimits = Limits{MaxBytes: 8_000_000, MaxRows: 100_000, MaxCols: 100,
	MaxUnzipped: 128 << 20, MaxPart: 64 << 20}

// FileError is a refusal of the whole file; Key is its message's key.
type FileError struct {
	Key  string
	Data map[string]any
}

func (e *FileError) Error() string { return "importer: " + e.Key }

// Table is a file read: its header and its rows, each with its line.
type Table struct {
	Header []string
	Rows   []Row
	// Sheet: read from a workbook, whose date cells come as their format
	// shows them ("01-31-27" for the built-in short date).
	Sheet bool
}

// Row is one record of the file; Line is the line (CSV) or row (XLSX) it
// starts on, counting the header as 1.
type Row struct {
	Line  int
	Cells []string
}

// Parse reads a CSV or XLSX file: name's extension or its content (the
// ZIP signature of XLSX) decides which.
func Parse(name string, content []byte, lim Limits) (Table, error) {
	if int64(len(content)) > lim.MaxBytes {
		return Table{}, &FileError{Key: "import_err_too_big", Data: map[string]any{"Max": lim.MaxBytes / 1_000_000}}
	}
	if len(bytes.TrimSpace(content)) == 0 {
		return Table{}, &FileError{Key: "import_err_empty"}
	}
	var t Table
	var err error
	if isXLSX(name, content) {
		t, err = parseXLSX(content, lim)
	} else {
		t, err = parseCSV(content, lim)
	}
	if err != nil {
		return t, err
	}
	if len(t.Rows) == 0 {
		return t, &FileError{Key: "import_err_no_rows"}
	}
	return t, nil
}

func isXLSX(name string, content []byte) bool {
	return strings.HasSuffix(strings.ToLower(name), ".xlsx") || bytes.HasPrefix(content, []byte("PK\x03\x04"))
}

// parseCSV reads CSV as Excel writes it: UTF-8 with or without a BOM,
// comma or semicolon (whichever the header line has more of, outside
// quotes), quoted fields holding newlines.
func parseCSV(content []byte, lim Limits) (Table, error) {
	content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(content) {
		return Table{}, &FileError{Key: "import_err_utf8"}
	}
	if bytes.IndexByte(content, 0) >= 0 {
		return Table{}, &FileError{Key: "import_err_binary"} // valid UTF-8, but no text
	}
	r := csv.NewReader(bytes.NewReader(content))
	r.Comma = separator(content)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var t Table
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return Table{}, &FileError{Key: "import_err_csv", Data: map[string]any{"Line": line}}
		}
		line, _ := r.FieldPos(0)
		if rec, err = fit(rec, lim); err != nil {
			return Table{}, err
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		if len(rec) == 0 {
			continue
		}
		if len(t.Rows) == lim.MaxRows {
			return Table{}, tooMany(lim)
		}
		t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
	}
	if t.Header == nil {
		return t, &FileError{Key: "import_err_empty"}
	}
	return t, nil
}

// fit drops the blank cells past the last one holding something and
// refuses a row with more than lim.MaxCols columns left.
func fit(rec []string, lim Limits) ([]string, error) {
	n := len(rec)
	for n > 0 && strings.TrimSpace(rec[n-1]) == "" {
		n--
	}
	if lim.MaxCols > 0 && n > lim.MaxCols {
		return nil, &FileError{Key: "import_err_too_many_cols", Data: map[string]any{"Max": lim.MaxCols}}
	}
	return rec[:n], nil
}

func tooMany(lim Limits) error {
	return &FileError{Key: "import_err_too_many", Data: map[string]any{"Max": lim.MaxRows}}
}

// separator is ';' when the first line holds more semicolons than commas
// outside quotes, else ','.
func separator(content []byte) rune {
	line, _ := bufio.NewReader(bytes.NewReader(content)).ReadString('\n')
	commas, semis, quoted := 0, 0, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// zipBounded refuses a workbook whose parts, unzipped, pass the limits. The
// sizes are those the ZIP declares; archive/zip refuses to read past them.
func zipBounded(content []byte, lim Limits) error {
	z, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return &FileError{Key: "import_err_xlsx"}
	}
	if len(z.File) > 1_000 {
		return &FileError{Key: "import_err_xlsx"}
	}
	over := func(n uint64, max int64) bool { return max > 0 && n > uint64(max) }
	var total uint64
	for _, f := range z.File {
		total += f.UncompressedSize64
		if over(f.UncompressedSize64, lim.MaxPart) || over(total, lim.MaxUnzipped) {
			return &FileError{Key: "import_err_xlsx_big", Data: map[string]any{"Max": lim.MaxUnzipped >> 20}}
		}
	}
	return nil
}

// parseXLSX streams the first sheet's rows.
func parseXLSX(content []byte, lim Limits) (Table, error) {
	if err := zipBounded(content, lim); err != nil {
		return Table{}, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(content), excelize.Options{
		UnzipSizeLimit: lim.MaxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return Table{}, &FileError{Key: "import_err_xlsx"}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return Table{}, &FileError{Key: "import_err_empty"}
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return Table{}, &FileError{Key: "import_err_xlsx"}
	}
	defer rows.Close()
	t := Table{Sheet: true}
	// Past Excel's last row a sheet holds nothing a person wrote (a
	// crafted row number would make the reader walk billions of rows).
	for n := 1; n <= excelize.TotalRows && rows.Next(); n++ {
		rec, err := rows.Columns()
		if err != nil {
			return Table{}, &FileError{Key: "import_err_xlsx"}
		}
		if rec, err = fit(rec, lim); err != nil {
			return Table{}, err
		}
		for _, c := range rec {
			if !utf8.ValidString(c) {
				return Table{}, &FileError{Key: "import_err_utf8"}
			}
		}
		if len(rec) == 0 {
			continue
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		if len(t.Rows) == lim.MaxRows {
			return Table{}, tooMany(lim)
		}
		t.Rows = append(t.Rows, Row{Line: n, Cells: rec})
	}
	if t.Header == nil {
		return t, &FileError{Key: "import_err_empty"}
	}
	return t, nil
}
