package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/api"
	"github.com/console-dev/console/web/scim"
)

// pageError is an error with a status and a translated message key, or a
// message already translated (msg wins over key).
type pageError struct {
	status int
	key    string
	msg    string
}

func (e *pageError) Error() string { return e.key }

var statusKeys = map[int]string{
	http.StatusBadRequest: "err_bad_request", http.StatusForbidden: "err_forbidden", http.StatusNotFound: "err_not_found",
	http.StatusMethodNotAllowed: "err_bad_request", http.StatusRequestEntityTooLarge: "err_too_large",
	http.StatusTooManyRequests: "err_busy", http.StatusServiceUnavailable: "err_busy", http.StatusConflict: "err_conflict",
}

// handleError is the one error handler: it logs 5xx as errors, shows a page
// (or a toast for htmx) in the visitor's language, and shows internals to nobody.
func (h *Handler) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if api.IsAPI(c.Request().URL.Path) {
		h.apiError(c, err)
		return
	}
	if scim.IsSCIM(c.Request().URL.Path) {
		h.scim.HandleError(err, c)
		return
	}
	status, key, msg := http.StatusInternalServerError, "err_internal", ""
	var pe *pageError
	var he *echo.HTTPError
	if e, ok := ops.As(err); ok {
		err = opsPageError(e)
	}
	switch {
	case errors.As(err, &pe):
		status, key, msg = pe.status, pe.key, pe.msg
	// Store sentinels map here, in one place, as the API's AsProblem does:
	// a handler returns the error and the visitor sees 404 or 409.
	case errors.Is(err, store.ErrNotFound):
		status, key = http.StatusNotFound, "err_not_found"
	case errors.Is(err, store.ErrConflict):
		status, key = http.StatusConflict, "err_conflict"
	case errors.Is(err, auth.ErrBusy):
		status, key = http.StatusServiceUnavailable, "err_busy"
		c.Response().Header().Set("Retry-After", "2")
	case errors.As(err, &he):
		status = he.Code
		if k, ok := statusKeys[status]; ok {
			key = k
		}
	}
	ctx := c.Request().Context()
	if status >= 500 {
		h.log.ErrorContext(ctx, "request failed", "err", err, "path", c.Request().URL.Path,
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
	} else {
		h.log.WarnContext(ctx, "request refused", "err", err, "status", status, "path", c.Request().URL.Path)
	}
	if msg == "" {
		msg = i18n.T(ctx, key)
	}
	if isHTMX(c) {
		_ = toast(c, status, msg)
		return
	}
	title := i18n.T(ctx, "err_title")
	switch status {
	case http.StatusForbidden:
		title = i18n.T(ctx, "err_title_forbidden")
	case http.StatusNotFound:
		title = i18n.T(ctx, "err_title_not_found")
	default:
		if status < 500 {
			title = i18n.T(ctx, "err_title_refused") // the request, not the server, is at fault
		}
	}
	_ = render(c, status, views.ErrorPage(title, msg))
}

// apiError answers a failed API request with application/problem+json
// (RFC 9457), logged like any other: 5xx as errors, 4xx as warnings.
func (h *Handler) apiError(c echo.Context, err error) {
	p := api.AsProblem(c, err)
	ctx := c.Request().Context()
	if p.Status >= 500 {
		h.log.ErrorContext(ctx, "request failed", "err", err, "path", c.Request().URL.Path,
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
	} else {
		h.log.WarnContext(ctx, "request refused", "err", err, "status", p.Status, "path", c.Request().URL.Path)
	}
	api.WriteProblem(c, p)
}

// opsStatus is the status of each kind of the operations' refusals.
var opsStatus = map[ops.Kind]int{ops.Invalid: http.StatusUnprocessableEntity, ops.Forbidden: http.StatusForbidden,
	ops.NotFound: http.StatusNotFound, ops.Conflict: http.StatusConflict, ops.Throttled: http.StatusTooManyRequests}

// opsPageError is an operation's refusal as a page: its status and message.
// A refusal of fields shows its first message (forms show each beside its
// field instead, see fieldErrors).
func opsPageError(e *ops.Error) *pageError {
	return &pageError{status: opsStatus[e.Kind], key: e.Key}
}
