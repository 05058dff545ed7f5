package web

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/importer"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/report"
)

// importShown is how many rows the preview lists; it counts them all.
const importShown = 200

var importKey = regexp.MustCompile(`^[0-9a-f]{32}$`)

// importFileOf is the file the URL names, the viewer's own upload in this
// tenant (anyone else's is not found), read again.
func (h *Handler) importFileOf(c echo.Context) (store.ImportFile, importer.Table, error) {
	key := c.Param("id")
	if !importKey.MatchString(key) {
		return store.ImportFile{}, importer.Table{}, store.ErrNotFound
	}
	p := by(c)
	f, err := h.store.ImportFileOf(c.Request().Context(), p.TenantID, p.AccountID, key)
	if err != nil {
		return f, importer.Table{}, err
	}
	t, err := importer.Parse(f.Name, f.Content, importer.DefaultLimits)
	return f, t, err
}

// importMapping reads the form's select per column (col_<i>: a field);
// a field chosen twice or unknown is the error's message key.
func importMapping(c echo.Context, header []string) (importer.Mapping, string) {
	m := importer.Mapping{}
	for i := range header {
		f := c.FormValue("col_" + strconv.Itoa(i))
		switch {
		case f == "":
			continue
		case !slices.Contains(importer.Fields, f):
			return m, "import_err_field"
		}
		if _, dup := m[f]; dup {
			return m, "import_err_field_twice"
		}
		m[f] = i
	}
	if importer.CheckMapping(m) != nil {
		return m, "import_err_no_key_column"
	}
	return m, ""
}

// importPreview plans the file through the chosen mapping, writing
// nothing: counts for every row, the first rows with their reasons.
func (h *Handler) importPreview(c echo.Context) error {
	ctx := c.Request().Context()
	f, t, err := h.importFileOf(c)
	if err != nil {
		return err
	}
	m, bad := importMapping(c, t.Header)
	if bad != "" {
		vm := h.importMapVM(c, f.Key, f.Name, t, m)
		vm.Error = i18n.T(ctx, bad)
		return page(c, http.StatusUnprocessableEntity, views.ImportMapPage(vm), views.ImportMapBlock(vm))
	}
	plan, err := h.imports.Plan(ctx, by(c), t, m)
	if err != nil {
		return err
	}
	vm := views.ImportPreview{Key: f.Key, Name: short(f.Name), Total: len(plan.Rows), Fingerprint: importer.Fingerprint(f.SHA256, t.Header, m),
		Errors: plan.Counts[importer.Failed], Changes: plan.Counts[importer.Create] + plan.Counts[importer.Update],
		Rehearsed: plan.Rehearsed, Beyond: plan.Beyond}
	for _, k := range importer.Kinds {
		vm.Counts = append(vm.Counts, views.ImportCount{Kind: string(k), Label: i18n.T(ctx, "import_kind_"+string(k)), Count: plan.Counts[k]})
	}
	for _, head := range plan.Warnings {
		vm.FileWarnings = append(vm.FileWarnings, i18n.T(ctx, "import_warn_unmapped", map[string]any{"Header": short(head)}))
	}
	for f, i := range m {
		vm.Mapping = append(vm.Mapping, views.Option{Value: "col_" + strconv.Itoa(i), Label: f})
	}
	slices.SortFunc(vm.Mapping, func(a, b views.Option) int { return strings.Compare(a.Value, b.Value) })
	for i, r := range plan.Rows {
		if len(r.Warnings) > 0 && r.Kind != importer.Failed {
			vm.Warnings++
		}
		if i >= importShown {
			continue
		}
		row := views.ImportRow{Line: r.Line, Kind: string(r.Kind), KindLabel: i18n.T(ctx, "import_row_"+string(r.Kind)),
			Name: short(or(r.In.Login, r.In.Email)), Reason: importReason(ctx, r)}
		for _, w := range r.Warnings {
			row.Warnings = append(row.Warnings, i18n.T(ctx, w))
		}
		vm.Rows = append(vm.Rows, row)
	}
	return page(c, http.StatusOK, views.ImportPreviewPage(vm), views.ImportPreviewBlock(vm))
}

// importReason says why a row is refused: the operation's messages per
// field when it gave some, else its reason with what it names.
func importReason(ctx context.Context, r importer.Planned) string {
	if r.Reason == "" {
		return ""
	}
	if len(r.Fields) > 0 {
		names := make([]string, 0, len(r.Fields))
		for f := range r.Fields {
			names = append(names, f)
		}
		slices.Sort(names)
		msgs := make([]string, len(names))
		for i, f := range names {
			msgs[i] = r.Fields[f]
		}
		return strings.Join(msgs, " ")
	}
	return report.ImportReason(ctx, r.Reason, r.Detail)
}

// importApply queues the import previewed, as a job, if the file and the
// mapping are the ones previewed; the mapping is remembered for next time.
func (h *Handler) importApply(c echo.Context) error {
	ctx := c.Request().Context()
	f, t, err := h.importFileOf(c)
	if err != nil {
		return err
	}
	m, bad := importMapping(c, t.Header)
	status := http.StatusUnprocessableEntity
	if bad == "" {
		status = http.StatusConflict // the file or mapping is not the one previewed
		var j store.Job
		j, err = h.imports.Start(ctx, by(c), f, m, c.FormValue("fingerprint"))
		var fe *importer.FileError
		if errors.As(err, &fe) {
			bad = fe.Key
		} else if err != nil {
			return err
		} else {
			if err := h.ops.SaveImportMapping(ctx, by(c), m.JSON(t.Header)); err != nil {
				return err
			}
			return redirect(c, "/jobs/"+strconv.FormatInt(j.ID, 10))
		}
	}
	vm := h.importMapVM(c, f.Key, f.Name, t, m)
	vm.Error = i18n.T(ctx, bad)
	return page(c, status, views.ImportMapPage(vm), views.ImportMapBlock(vm))
}

func or(v, dflt string) string {
	if v == "" {
		return dflt
	}
	return v
}
