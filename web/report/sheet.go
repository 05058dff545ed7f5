// Package report writes Console's downloadable files (the user permission
// report, the users-and-projects export, the audit log export) as CSV or
// Excel. It knows nothing of HTTP: each writer streams rows from one store
// query to an io.Writer, so the console and the API share it.
package report

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Format is a file format: CSV or Excel.
type Format string

// The formats every report comes in.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ErrFormat means a format other than csv or xlsx.
var ErrFormat = errors.New("report: unknown format (use csv or xlsx)")

// ParseFormat reads a format name; "" is CSV.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "", "csv":
		return CSV, nil
	case "xlsx":
		return XLSX, nil
	}
	return "", ErrFormat
}

// ContentType is the format's media type.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// column is a header and, for Excel, a width in characters. A date column
// holds stamps (see stamp): Excel gets them as dates, the wall clock of the
// reader's zone, so they sort and filter as dates.
type column struct {
	title string
	width float64
	date  bool
}

// sheet receives a header then rows, and finishes the file on close.
type sheet interface {
	row(cells []string) error
	close() error
}

func newSheet(f Format, w io.Writer, name string, cols []column) (sheet, error) {
	if f == XLSX {
		return newXLSX(w, name, cols)
	}
	return newCSV(w, cols)
}

// Neutralize keeps a spreadsheet from reading a cell as a formula: a value
// starting with = + - @, a tab or a carriage return gets a leading quote.
func Neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

type csvSheet struct {
	buf *bufio.Writer
	w   *csv.Writer
}

// newCSV starts with a byte-order mark, so Excel reads the accents right.
func newCSV(w io.Writer, cols []column) (*csvSheet, error) {
	buf := bufio.NewWriterSize(w, 32<<10)
	if _, err := buf.WriteString("\uFEFF"); err != nil {
		return nil, err
	}
	s := &csvSheet{buf: buf, w: csv.NewWriter(buf)}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
	}
	return s, s.row(header)
}

func (s *csvSheet) row(cells []string) error {
	for i, c := range cells {
		cells[i] = Neutralize(c)
	}
	return s.w.Write(cells)
}

func (s *csvSheet) close() error {
	s.w.Flush()
	if err := s.w.Error(); err != nil {
		return err
	}
	return s.buf.Flush()
}

// xlsxSheet writes through excelize's StreamWriter, which keeps at most 16 MB
// of rows in memory and spills the rest to a temporary file.
type xlsxSheet struct {
	out   io.Writer
	f     *excelize.File
	sw    *excelize.StreamWriter
	name  string
	cols  int
	rows  int
	cells []any
	dates []bool // columns holding stamps
	when  int    // the style of a date cell
}

func newXLSX(w io.Writer, name string, cols []column) (*xlsxSheet, error) {
	f := excelize.NewFile()
	s := &xlsxSheet{out: w, f: f, name: sheetName(name), cols: len(cols), cells: make([]any, len(cols)), dates: make([]bool, len(cols))}
	if err := f.SetSheetName("Sheet1", s.name); err != nil {
		f.Close()
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8ECF2"}}})
	if err != nil {
		f.Close()
		return nil, err
	}
	format := "yyyy-mm-dd hh:mm:ss"
	if s.when, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
		f.Close()
		return nil, err
	}
	if s.sw, err = f.NewStreamWriter(s.name); err != nil {
		f.Close()
		return nil, err
	}
	for i, c := range cols {
		if err := s.sw.SetColWidth(i+1, i+1, c.width); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		f.Close()
		return nil, err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: bold, Value: c.title}
		s.dates[i] = c.date
	}
	if err := s.sw.SetRow("A1", header); err != nil {
		f.Close()
		return nil, err
	}
	s.rows = 1
	return s, nil
}

func (s *xlsxSheet) row(cells []string) error {
	s.rows++
	for i, c := range cells {
		s.cells[i] = Neutralize(c) // a string cell: never a formula, never a number guessed
		if !s.dates[i] || c == "" {
			continue
		}
		if t, err := time.Parse(stampLayout, c); err == nil {
			// Excel dates have no zone: the wall clock of the stamp's zone.
			wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
			s.cells[i] = excelize.Cell{StyleID: s.when, Value: wall}
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, s.rows)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, s.cells)
}

// close sets the autofilter over every row written, then writes the file.
func (s *xlsxSheet) close() error {
	defer s.f.Close()
	last, err := excelize.CoordinatesToCellName(s.cols, s.rows)
	if err != nil {
		return err
	}
	if err := s.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
		return err
	}
	if err := s.sw.Flush(); err != nil {
		return err
	}
	return s.f.Write(s.out)
}

// sheetName fits a title into Excel's rules: at most 31 characters, none of :\/?*[].
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]'`, r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if strings.TrimSpace(s) == "" {
		return "Report"
	}
	return s
}
