package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
)

// memberRemove ends a member's membership of this tenant (their home account
// stays) and goes back to the users table.
func (h *Handler) memberRemove(c echo.Context) error {
	ctx := c.Request().Context()
	person, err := h.person(c)
	if err != nil {
		return err
	}
	if !person.Member {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	if err := h.ops.RemoveMember(ctx, by(c), person.ID); err != nil {
		if e, ok := ops.As(err); ok && isHTMX(c) {
			return toast(c, opsStatus[e.Kind], i18n.T(ctx, e.Key, e.Data))
		}
		return err
	}
	return redirect(c, "/users")
}
