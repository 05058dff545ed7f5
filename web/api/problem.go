package api

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// Problem is an RFC 9457 problem detail; Errors names each invalid field (422).
type Problem struct {
	Status     int
	Key        string            // translated detail
	Data       map[string]any    // placeholders of Key
	Fields     map[string]string // field → message, already translated
	RetryAfter int               // seconds, for 429
}

func (p *Problem) Error() string { return "api: " + strconv.Itoa(p.Status) + " " + p.Key }

func problem(status int, key string) *Problem { return &Problem{Status: status, Key: key} }

// invalid is a 422 naming its fields.
func invalid(fields map[string]string) *Problem {
	return &Problem{Status: http.StatusUnprocessableEntity, Key: "api_err_invalid", Fields: fields}
}

// fieldError is a 422 naming one field.
func fieldError(field, msg string) *Problem { return invalid(map[string]string{field: msg}) }

// FieldError is fieldError for the console's input guard, which refuses bad
// API input before the API's handlers run.
func FieldError(field, msg string) error { return fieldError(field, msg) }

type fieldJSON struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

type problemJSON struct {
	Type   string      `json:"type"`
	Title  string      `json:"title"`
	Status int         `json:"status"`
	Detail string      `json:"detail,omitempty"`
	Errors []fieldJSON `json:"errors,omitempty"`
}

var statusKeys = map[int]string{
	http.StatusBadRequest: "api_err_bad_request", http.StatusUnauthorized: "api_err_unauthorized",
	http.StatusForbidden: "api_err_forbidden", http.StatusNotFound: "api_err_not_found",
	http.StatusMethodNotAllowed: "api_err_method", http.StatusConflict: "api_err_conflict",
	http.StatusRequestEntityTooLarge: "api_err_too_large", http.StatusUnprocessableEntity: "api_err_invalid",
	http.StatusTooManyRequests: "api_err_rate", http.StatusServiceUnavailable: "api_err_busy",
}

// AsProblem turns any handler error into the problem the client sees: store
// sentinels become their status, anything unknown a 500 without internals.
func AsProblem(c echo.Context, err error) *Problem {
	ctx := c.Request().Context()
	var p *Problem
	var conflict *store.Conflict
	var inUse *store.InUse
	var he *echo.HTTPError
	if e, ok := ops.As(err); ok {
		return opsProblem(e)
	}
	switch {
	case errors.As(err, &p):
		return p
	case errors.Is(err, store.ErrNotFound):
		return problem(http.StatusNotFound, "api_err_not_found")
	case errors.As(err, &conflict):
		return &Problem{Status: http.StatusConflict, Key: "api_err_taken", Data: map[string]any{"Field": conflict.Field},
			Fields: map[string]string{conflict.Field: i18n.T(ctx, "api_err_taken", map[string]any{"Field": conflict.Field})}}
	case errors.Is(err, store.ErrBuiltinRole):
		return problem(http.StatusConflict, "api_err_builtin_role")
	case errors.Is(err, store.ErrAlreadyAssigned), errors.Is(err, store.ErrNotAssigned):
		return problem(http.StatusConflict, "api_err_conflict")
	case errors.Is(err, store.ErrBadAccess):
		return fieldError("access", i18n.T(ctx, "err_choice"))
	case errors.Is(err, store.ErrNotPending):
		return problem(http.StatusConflict, "api_err_not_pending")
	case errors.Is(err, store.ErrLastManager):
		return problem(http.StatusConflict, "err_last_manager")
	case errors.Is(err, store.ErrUnconfirmed):
		return problem(http.StatusConflict, "err_unconfirmed")
	case errors.As(err, &inUse):
		return problem(http.StatusConflict, "api_err_in_use")
	case errors.Is(err, store.ErrUnknownRole):
		return fieldError("role_ids", i18n.T(ctx, "err_unknown_role"))
	case errors.Is(err, store.ErrUnknownGroup):
		return fieldError("group_ids", i18n.T(ctx, "api_err_unknown_group"))
	case errors.Is(err, store.ErrUnknownAccount):
		return problem(http.StatusNotFound, "api_err_not_found")
	case errors.Is(err, store.ErrBadCursor):
		return fieldError("cursor", i18n.T(ctx, "api_err_cursor"))
	case errors.Is(err, auth.ErrBusy):
		return &Problem{Status: http.StatusServiceUnavailable, Key: "api_err_busy", RetryAfter: 2}
	case errors.As(err, &he):
		if key, ok := statusKeys[he.Code]; ok {
			return problem(he.Code, key)
		}
		return problem(he.Code, "api_err_bad_request")
	}
	return problem(http.StatusInternalServerError, "api_err_internal")
}

// WriteProblem answers with application/problem+json; the console's error
// handler calls it for every failed request under Base.
func WriteProblem(c echo.Context, p *Problem) {
	ctx := c.Request().Context()
	body := problemJSON{Type: "about:blank", Title: http.StatusText(p.Status), Status: p.Status}
	if p.Data != nil {
		body.Detail = i18n.T(ctx, p.Key, p.Data)
	} else {
		body.Detail = i18n.T(ctx, p.Key)
	}
	for f, msg := range p.Fields {
		body.Errors = append(body.Errors, fieldJSON{Field: f, Detail: msg})
	}
	slices.SortFunc(body.Errors, func(a, b fieldJSON) int { return strings.Compare(a.Field, b.Field) })
	h := c.Response().Header()
	switch p.Status {
	case http.StatusUnauthorized:
		h.Set("WWW-Authenticate", `Bearer realm="console"`)
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		if p.RetryAfter > 0 {
			h.Set("Retry-After", strconv.Itoa(p.RetryAfter))
		}
	}
	h.Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(p.Status)
	_ = jsonEncoder(c.Response()).Encode(body)
}

// opsStatus is the status of each kind of the operations' refusals.
var opsStatus = map[ops.Kind]int{ops.Invalid: http.StatusUnprocessableEntity, ops.Forbidden: http.StatusForbidden,
	ops.NotFound: http.StatusNotFound, ops.Conflict: http.StatusConflict, ops.Throttled: http.StatusTooManyRequests}

func opsProblem(e *ops.Error) *Problem {
	key := e.Key
	if e.Kind == ops.Invalid {
		key = "api_err_invalid"
	}
	return &Problem{Status: opsStatus[e.Kind], Key: key, Data: e.Data, Fields: e.Fields}
}
