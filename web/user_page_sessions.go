package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/views"
)

// userSessionsEnd is the user page's "Sign out everywhere": every browser of
// the person ends now, their next request is signed out. The operation
// checks the permission and the act-for rule and writes the audit event; its
// refusal shows on the sessions tab, as the sidebar shows its own (422).
func (h *Handler) userSessionsEnd(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.person(c)
	if err != nil {
		return err
	}
	_, err = h.ops.EndUserSessions(ctx, by(c), a.ID)
	refused, isRefusal := ops.As(err)
	if err != nil && !isRefusal {
		return err
	}
	if err == nil && !isHTMX(c) {
		return redirect(c, views.UserPageURL(a.ID, "sessions", url.Values{"done": {"sessions"}}))
	}
	vm, err := h.userPageVM(ctx, p, a, "sessions", nil)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if isRefusal {
		status, vm.Alert = http.StatusUnprocessableEntity, i18n.T(ctx, refused.Key)
	} else {
		vm.Notice = "up16_sessions_ended"
	}
	if isHTMX(c) {
		c.Response().Header().Set("HX-Push-Url", vm.TabURL("sessions"))
		return render(c, status, views.UserPageBlock(vm))
	}
	return render(c, status, views.UserPageView(vm))
}
