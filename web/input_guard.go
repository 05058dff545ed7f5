package web

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/web/api"
	"github.com/console-dev/console/web/scim"
)

// guardInput refuses, before any handler or query runs, input no handler
// should see: text that is not UTF-8 (it would be stored as raw bytes and
// reach CSV exports so) and a field repeated past form.MaxIDs times (a list
// of ids long enough to fail in SQL, or to cost a query per id). It reads the
// query string of every request, the body of every console form and the
// JSON body of every API request; the console answers 422 with the message,
// the API a 422 problem naming the field.
func guardInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if scim.IsSCIM(c.Request().URL.Path) {
			return next(c) // SCIM checks its own input and answers SCIM errors
		}
		isAPI := api.IsAPI(c.Request().URL.Path)
		if isAPI {
			api.WithLanguage(c)
		}
		ctx, r := c.Request().Context(), c.Request()
		refuse := func(field, msg string) error {
			if isAPI {
				return api.FieldError(field, msg)
			}
			return &pageError{status: http.StatusUnprocessableEntity, msg: msg}
		}
		if field, msg := form.Encoded(ctx, r.URL.RawQuery); msg != "" {
			return refuse(field, msg)
		}
		if r.Body == nil || r.Body == http.NoBody {
			return next(c)
		}
		ctype, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
		switch {
		case isAPI || ctype == echo.MIMEApplicationForm:
			body, err := io.ReadAll(r.Body)
			var maxErr *http.MaxBytesError
			if errors.As(err, &maxErr) || errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
				return echo.ErrStatusRequestEntityTooLarge
			}
			if err != nil {
				return echo.ErrBadRequest
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			if isAPI {
				if !form.IsJSONText(body) {
					return refuse("body", form.NotUTF8(ctx, "body"))
				}
			} else if field, msg := form.Encoded(ctx, string(body)); msg != "" {
				return refuse(field, msg)
			}
		case strings.HasPrefix(ctype, "multipart/"):
			// Parsed here once (echo reuses it): the text fields are checked,
			// the files (an avatar) are the handler's to check.
			if err := r.ParseMultipartForm(32 << 20); err == nil && r.MultipartForm != nil {
				if field, msg := form.Values(ctx, r.MultipartForm.Value); msg != "" {
					return refuse(field, msg)
				}
			}
		}
		return next(c)
	}
}
