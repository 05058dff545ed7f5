package api

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// reply writes v as JSON with status.
func reply(c echo.Context, status int, v any) error {
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	c.Response().WriteHeader(status)
	return jsonEncoder(c.Response()).Encode(v)
}

// bind decodes a JSON body strictly: an unknown field, a wrong type or
// trailing data is a problem naming the field, never silently ignored. Lists
// of ids are bounded by the operations (ops.IDs), before any query.
func bind(c echo.Context, v any) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	ctx := c.Request().Context()
	var typeErr *json.UnmarshalTypeError
	var maxErr *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &maxErr):
		return problem(http.StatusRequestEntityTooLarge, "api_err_too_large")
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fieldError(typeErr.Field, i18n.T(ctx, "api_err_type", map[string]any{"Type": typeErr.Value}))
	case strings.HasPrefix(err.Error(), `json: unknown field "`):
		f := strings.TrimSuffix(strings.TrimPrefix(err.Error(), `json: unknown field "`), `"`)
		return fieldError(f, i18n.T(ctx, "api_err_unknown_field"))
	}
	return problem(http.StatusBadRequest, "api_err_json")
}

// pathID reads an id path parameter; anything else is a 404, as an unknown id is.
func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, problem(http.StatusNotFound, "api_err_not_found")
	}
	return id, nil
}

// page is a list answer: items and the cursor of the next page, null at the end.
type page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func newPage[T any](items []T, next string) page[T] {
	if items == nil {
		items = []T{}
	}
	p := page[T]{Items: items}
	if next != "" {
		p.NextCursor = &next
	}
	return p
}

// queryLimit reads limit (1 to 200, default 50).
func queryLimit(c echo.Context) (int, error) {
	v := c.QueryParam("limit")
	if v == "" {
		return 50, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 200 {
		return 0, fieldError("limit", i18n.T(c.Request().Context(), "api_err_limit", map[string]any{"Max": 200}))
	}
	return n, nil
}

// nameCursor continues a list sorted by name after (name, id).
func nameCursor(name string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10) + ":" + name))
}

// parseNameCursor reads a cursor nameCursor made; "" starts at the beginning.
func parseNameCursor(cur string) (string, int64, error) {
	if cur == "" {
		return "", 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cur)
	idPart, name, ok := strings.Cut(string(raw), ":")
	id, perr := strconv.ParseInt(idPart, 10, 64)
	if err != nil || !ok || perr != nil || id <= 0 {
		return "", 0, store.ErrBadCursor
	}
	return name, id, nil
}

// named is the body that creates a group or project; PATCH takes each field optionally.
type named struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
}

// over sets the fields present over name and description, trimmed, and
// checks them as the console's forms do.
func (n named) over(c echo.Context, name, description string) (string, string, error) {
	if n.Name != nil {
		name = *n.Name
	}
	if n.Description != nil {
		description = *n.Description
	}
	name, description = strings.TrimSpace(name), strings.TrimSpace(description)
	if errs := form.NameDescription(c.Request().Context(), name, description); len(errs) > 0 {
		return name, description, invalid(errs)
	}
	return name, description, nil
}
