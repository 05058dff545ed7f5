package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// canSetPassword: a password user other than oneself (who uses My account),
// whose access the actor holds too (mayAct): setting its password is taking it.
func canSetPassword(p *principal, a store.Account, mayAct bool) bool {
	return p.Perms.Has(auth.UsersManage) && a.AuthMethod == "password" && a.Kind == "user" &&
		a.Status == "active" && a.ID != p.Account.ID && mayAct
}

// userTempPassword sets a password the administrator chose and tells the
// person; they must replace it at their next sign-in, and every session they
// had ends now. The password itself reaches neither the log nor the audit.
func (h *Handler) userTempPassword(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	err = h.ops.SetTemporaryPassword(ctx, by(c), a.ID, c.FormValue("temp_password"))
	if e, ok := ops.As(err); ok && len(e.Fields) > 0 {
		vm, err := h.editVM(ctx, p, a)
		if err != nil {
			return err
		}
		vm.Errors = e.Fields
		return h.sidebar(c, http.StatusUnprocessableEntity, views.UserEditSidebar(vm))
	}
	if err != nil {
		return err
	}
	return h.afterChange(c, a, "notice_temp_password")
}
