package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// userSSOUnlink forgets the identity an SSO account is bound to; its next
// sign-in links it again by its verified address. The operation's guard
// decides (an Admin only by an Admin, act-for); a refusal is a 403 page, a
// password person a 404, as in the API.
// htmx gets the sidebar's identity section and the table row; a plain form
// goes back to the sidebar.
func (h *Handler) userSSOUnlink(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	if a.AuthMethod != "sso" { // a password person has no identity to unlink
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	if a, err = h.ops.UnlinkSSO(ctx, by(c), a.ID); err != nil {
		return err
	}
	if !isHTMX(c) {
		return redirect(c, "/users/"+strconv.FormatInt(a.ID, 10)+"/edit?saved=1")
	}
	vm, err := h.editVM(ctx, p, a)
	if err != nil {
		return err
	}
	vm.Notice = "ssousr_unlinked"
	row, err := h.rowOOB(ctx, p, a)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.SSOIdentity(vm), row)
}

// canUnlinkSSO: a bound SSO person of this tenant whose access the actor
// holds (mayAct); the guard judges again when it happens.
func canUnlinkSSO(p *principal, f views.UserForm, home bool, mayAct bool) bool {
	return p.Perms.Has(auth.UsersManage) && home && f.AuthMethod == "sso" && f.SSOSubject != "" && mayAct
}
