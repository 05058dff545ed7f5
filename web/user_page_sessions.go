package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/views"
)

// userSessionsEnd is the user page's "Sign out everywhere": every browser of
// the person ends now, their next request is signed out. The operation
// checks the permission and the act-for rule and writes the audit event.
func (h *Handler) userSessionsEnd(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.person(c)
	if err != nil {
		return err
	}
	if _, err := h.ops.EndUserSessions(ctx, by(c), a.ID); err != nil {
		if e, ok := ops.As(err); ok {
			// Refused for this person (act-for, oneself): a 409 with the
			// reason, as the row's and the sidebar's actions answer.
			return &pageError{status: http.StatusConflict, key: e.Key}
		}
		return err
	}
	if !isHTMX(c) {
		return redirect(c, views.UserPageURL(a.ID, "sessions", url.Values{"done": {"sessions"}}))
	}
	vm, err := h.userPageVM(ctx, p, a, "sessions", nil)
	if err != nil {
		return err
	}
	vm.Notice = "up16_sessions_ended"
	c.Response().Header().Set("HX-Push-Url", vm.TabURL("sessions"))
	return render(c, http.StatusOK, views.UserPageBlock(vm))
}
