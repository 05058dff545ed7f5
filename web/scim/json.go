package scim

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops/form"
)

// writeJSON answers v as application/scim+json.
func writeJSON(c echo.Context, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Blob(status, MediaType+"; charset=utf-8", b)
}

// readBody reads a request body: application/scim+json, application/json or
// no content type (sloppy clients) is accepted, anything else is 415; it must
// be UTF-8 and one JSON object.
func readBody(c echo.Context) (map[string]any, error) {
	raw, err := readRaw(c)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := decode(raw, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, badRequest("invalidSyntax", "The body must be a JSON object.")
	}
	return m, nil
}

// readRaw checks the content type, size and encoding of the body.
func readRaw(c echo.Context) ([]byte, error) {
	req := c.Request()
	if ct := req.Header.Get(echo.HeaderContentType); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != MediaType && mt != echo.MIMEApplicationJSON) {
			return nil, &Error{Status: http.StatusUnsupportedMediaType, Detail: "Send application/scim+json or application/json."}
		}
	}
	if req.Body == nil {
		return nil, badRequest("invalidSyntax", "The request has no body.")
	}
	raw, err := io.ReadAll(req.Body)
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr), errors.Is(err, echo.ErrStatusRequestEntityTooLarge):
		return nil, echo.ErrStatusRequestEntityTooLarge
	case err != nil:
		return nil, badRequest("invalidSyntax", "The body could not be read.")
	case !utf8.Valid(raw):
		return nil, badRequest("invalidSyntax", "The body is not UTF-8.")
	case !form.IsJSONText(raw):
		return nil, badRequest("invalidValue", "A value holds a NUL character, which is not text.")
	}
	return raw, nil
}

// decode reads one JSON value into v, numbers kept as json.Number.
func decode(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return badRequest("invalidSyntax", "The body is not valid JSON for this request: "+jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("invalidSyntax", "The body holds more than one JSON value.")
	}
	return nil
}

// jsonProblem says where the JSON went wrong, without echoing the input.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "syntax error at byte " + strconv.FormatInt(se.Offset, 10) + "."
	case errors.As(err, &te):
		return te.Field + " must be " + te.Type.String() + "."
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "it ends too early."
	}
	return "it could not be decoded."
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// parseID reads a resource id: the decimal form of a positive integer, or
// the resource does not exist.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, errNotFound
	}
	return id, nil
}
