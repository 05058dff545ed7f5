package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// userSSOUnlink forgets the identity an SSO account of the key's tenant is
// bound to (ops.UnlinkSSO: act-for, audited); its next sign-in links again
// by its verified address. Anything but an SSO person of this tenant is 404;
// an account not linked yet is 204 all the same.
func (a *API) userSSOUnlink(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	acct, err := a.store.Account(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	if acct.Kind != "user" || acct.AuthMethod != "sso" {
		return problem(http.StatusNotFound, "api_err_not_found")
	}
	if _, err := a.ops.UnlinkSSO(ctx, principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
