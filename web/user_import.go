package web

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/importer"
	"github.com/console-dev/console/views"
)

// importBodyLimit is the most an import upload's request may carry: the
// file's limit and room for its multipart form, so a file just over the
// limit reaches the form and is told so there.
const importBodyLimit = "9M"

// isImportUpload is the route whose body may be larger than the others'.
func isImportUpload(c echo.Context) bool {
	return c.Request().Method == http.MethodPost && c.Request().URL.Path == "/users/import"
}

func importMaxMB() int { return int(importer.DefaultLimits.MaxBytes / 1_000_000) }

// importForm is the upload form.
func (h *Handler) importForm(c echo.Context) error {
	vm := views.ImportUpload{Max: importMaxMB()}
	return page(c, http.StatusOK, views.ImportUploadPage(vm), views.ImportUploadBlock(vm))
}

// importUpload reads the file, keeps it for the preview and the apply, and
// answers the mapping page: each column's field guessed from its header,
// or as this tenant mapped it last time.
func (h *Handler) importUpload(c echo.Context) error {
	ctx := c.Request().Context()
	refuse := func(status int, key string, data map[string]any) error {
		vm := views.ImportUpload{Max: importMaxMB(), Error: i18n.T(ctx, key, data)}
		return page(c, status, views.ImportUploadPage(vm), views.ImportUploadBlock(vm))
	}
	tooBig := map[string]any{"Max": importMaxMB()}
	fh, err := c.FormFile("file")
	switch {
	case err != nil && c.Request().ContentLength > importer.DefaultLimits.MaxBytes:
		return refuse(http.StatusRequestEntityTooLarge, "import_err_too_big", tooBig)
	case err != nil || fh.Size == 0:
		return refuse(http.StatusUnprocessableEntity, "import_err_missing", nil)
	case fh.Size > importer.DefaultLimits.MaxBytes:
		return refuse(http.StatusRequestEntityTooLarge, "import_err_too_big", tooBig)
	}
	switch strings.ToLower(filepath.Ext(fh.Filename)) {
	case ".csv", ".txt", ".xlsx":
	default:
		return refuse(http.StatusUnprocessableEntity, "import_err_type", nil)
	}
	file, err := fh.Open()
	if err != nil {
		return err
	}
	content, err := io.ReadAll(io.LimitReader(file, importer.DefaultLimits.MaxBytes+1))
	file.Close()
	if err != nil {
		return err
	}
	t, err := importer.Parse(fh.Filename, content, importer.DefaultLimits)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		status := http.StatusUnprocessableEntity
		if fe.Key == "import_err_too_big" {
			status = http.StatusRequestEntityTooLarge
		}
		return refuse(status, fe.Key, fe.Data)
	} else if err != nil {
		return err
	}
	name := filepath.Base(fh.Filename)
	f, err := h.ops.SaveImportFile(ctx, by(c), name, content)
	if err != nil {
		return err
	}
	saved, err := h.store.ImportMapping(ctx, by(c).TenantID)
	if err != nil {
		return err
	}
	vm := h.importMapVM(c, f.Key, name, t, importer.Guess(t.Header, importer.ParseSaved(saved)))
	return page(c, http.StatusOK, views.ImportMapPage(vm), views.ImportMapBlock(vm))
}

// importMapVM is the mapping page of a file read through m.
func (h *Handler) importMapVM(c echo.Context, key, name string, t importer.Table, m importer.Mapping) views.ImportMap {
	ctx := c.Request().Context()
	vm := views.ImportMap{Key: key, Name: short(name), Rows: len(t.Rows)}
	for _, f := range importer.Fields {
		vm.Fields = append(vm.Fields, views.Option{Value: f, Label: i18n.T(ctx, "import_field_"+f)})
	}
	byCol := map[int]string{}
	for f, i := range m {
		byCol[i] = f
	}
	for i, head := range t.Header {
		head = strings.TrimSpace(head)
		if head == "" {
			head = i18n.T(ctx, "import_column_n", map[string]any{"N": i + 1})
		}
		vm.Columns = append(vm.Columns, views.ImportColumn{Index: i, Header: short(head), Sample: sample(t, i), Field: byCol[i]})
	}
	return vm
}

// sample is a column's first three values, each cut short (the page fits a phone).
func sample(t importer.Table, col int) string {
	var vals []string
	for _, r := range t.Rows {
		if col < len(r.Cells) && strings.TrimSpace(r.Cells[col]) != "" {
			vals = append(vals, short(strings.TrimSpace(r.Cells[col])))
			if len(vals) == 3 {
				break
			}
		}
	}
	return strings.Join(vals, ", ")
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 28 {
		return string(r[:27]) + "…"
	}
	return s
}
