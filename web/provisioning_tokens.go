package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// scimTokenCreate makes a token through ops.CreateSCIMToken and shows it
// once, its Copy button focused. A missing name, or a viewer who is not an
// Admin of the tenant, is said beside the name (422).
func (h *Handler) scimTokenCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	name := c.FormValue("name")
	token, made, err := h.ops.CreateSCIMToken(ctx, by(c), name)
	vm, verr := h.provisioningVM(ctx, p)
	if verr != nil {
		return verr
	}
	if err == nil {
		vm.NewToken, vm.NewTokenName = token, made.Name
		// The token is a secret: no cache keeps the page that shows it.
		c.Response().Header().Set("Cache-Control", "no-store")
		return page(c, http.StatusOK, views.ProvisioningPage(vm), views.ProvisioningBlock(vm))
	}
	e, refused := ops.As(err)
	if !refused || e.Kind != ops.Invalid && e.Kind != ops.Forbidden {
		return err
	}
	vm.TokenName, vm.Errors = name, map[string]string{"name": e.Fields["name"]}
	if e.Kind == ops.Forbidden {
		vm.Errors["name"] = i18n.T(ctx, e.Key, e.Data)
	}
	return page(c, http.StatusUnprocessableEntity, views.ProvisioningPage(vm), views.ProvisioningBlock(vm))
}

// scimTokenRevoke asks first (the page says the provider stops at once),
// then revokes through ops.RevokeSCIMToken. Another tenant's token is 404.
func (h *Handler) scimTokenRevoke(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	vm, err := h.provisioningVM(ctx, p)
	if err != nil {
		return err
	}
	var row *views.SCIMTokenRow
	for i := range vm.Tokens {
		if vm.Tokens[i].ID == id {
			row = &vm.Tokens[i]
		}
	}
	if row == nil {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	if c.FormValue("confirm") != "1" {
		vm.Confirm = row
		return page(c, http.StatusOK, views.ProvisioningPage(vm), views.ProvisioningBlock(vm))
	}
	if _, err := h.ops.RevokeSCIMToken(ctx, by(c), id); errors.Is(err, store.ErrNotFound) {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	} else if err != nil {
		return err
	}
	return redirect(c, "/settings/provisioning?done=revoked")
}
