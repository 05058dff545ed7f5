package views

// ImportUpload is the import's first page: the file to upload.
type ImportUpload struct {
	Error string
	Max   int // MB
}

// ImportColumn is one column of the uploaded file on the mapping page.
type ImportColumn struct {
	Index  int
	Header string
	Sample string // its first values
	Field  string // the field it maps to ("" none)
}

// ImportMap is the mapping page: a select per column.
type ImportMap struct {
	Key, Name string
	Rows      int
	Columns   []ImportColumn
	Fields    []Option // the fields, in order (Value the field, Label its name)
	Error     string
}

// ImportCount is how many rows are of one kind.
type ImportCount struct {
	Kind, Label string
	Count       int
}

// ImportRow is one row of the preview.
type ImportRow struct {
	Line      int
	Kind      string // create, update, unchanged, error
	KindLabel string
	Name      string // the login or email the row names
	Reason    string // translated; for an error
	Warnings  []string
}

// ImportPreview is the plan of an import: counts for every row, the first
// rows, and the form that applies it.
type ImportPreview struct {
	Key, Name    string
	Counts       []ImportCount
	Rows         []ImportRow
	Total        int
	FileWarnings []string
	Mapping      []Option // hidden fields: col_<i> → field
	Fingerprint  string
	Errors       int // blocking: rows that will not be applied
	Warnings     int // rows applied with a warning
	Changes      int // rows to create or update
	Rehearsed    int // rows the operations judged
	Beyond       int // rows judged by the lookups alone
}
