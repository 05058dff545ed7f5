// Package importer imports people from a CSV or XLSX file: it reads the
// file, maps its columns to fields, plans every row (create, update,
// unchanged, error) by asking the operations themselves in a rehearsal that
// writes nothing, and applies a planned row through the same operations.
package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Limits bound what a file may hold.
type Limits struct {
	MaxBytes int64 // the file's size
	MaxRows  int   // rows after the header
}

// DefaultLimits: 8 MB and 100,000 people.
var DefaultLimits = Limits{MaxBytes: 8_000_000, MaxRows: 100_000}

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
		if t.Header == nil {
			t.Header = rec
			continue
		}
		if blank(rec) {
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

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseXLSX streams the first sheet's rows.
func parseXLSX(content []byte, lim Limits) (Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(content))
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
	var t Table
	for n := 1; rows.Next(); n++ {
		rec, err := rows.Columns()
		if err != nil {
			return Table{}, &FileError{Key: "import_err_xlsx"}
		}
		for _, c := range rec {
			if !utf8.ValidString(c) {
				return Table{}, &FileError{Key: "import_err_utf8"}
			}
		}
		if t.Header == nil {
			if blank(rec) {
				continue
			}
			t.Header = rec
			continue
		}
		if blank(rec) {
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
