package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// provisioningShow serves Settings → Provisioning.
func (h *Handler) provisioningShow(c echo.Context) error {
	vm, err := h.provisioningVM(c.Request().Context(), who(c))
	if err != nil {
		return err
	}
	switch c.QueryParam("done") {
	case "external":
		vm.Notice = "prov_saved_external"
	case "console":
		vm.Notice = "prov_saved_console"
	case "saved":
		vm.Notice = "prov_saved"
	case "revoked":
		vm.Notice = "prov_token_revoked"
	}
	return page(c, http.StatusOK, views.ProvisioningPage(vm), views.ProvisioningBlock(vm))
}

// provisioningSave sets the mode and what the provider's DELETE does
// through ops.SetProvisioning; a value outside the choices is said beside
// its field (422) and nothing changes.
func (h *Handler) provisioningSave(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	before, err := h.store.Provisioning(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	pr, modeOK, delOK := store.ParseProvisioning(c.FormValue("provisioning"), c.FormValue("scim_delete"))
	mode := pr.Mode
	errs := map[string]string{}
	if !modeOK {
		errs["provisioning"] = i18n.T(ctx, "prov_err_mode")
	}
	if !delOK {
		errs["scim_delete"] = i18n.T(ctx, "prov_err_delete")
	}
	if len(errs) == 0 {
		err = h.ops.SetProvisioning(ctx, by(c), pr)
		e, refused := ops.As(err)
		switch {
		case err == nil:
			done := "saved"
			if mode != before.Mode {
				done = mode
			}
			return redirect(c, "/settings/provisioning?done="+done)
		case !refused:
			return err
		case len(e.Fields) > 0:
			errs = e.Fields
		default:
			return err
		}
	}
	vm, err := h.provisioningVM(ctx, p)
	if err != nil {
		return err
	}
	vm.Mode, vm.DeleteRemoves, vm.Errors = mode, pr.DeleteRemoves, errs
	return page(c, http.StatusUnprocessableEntity, views.ProvisioningPage(vm), views.ProvisioningBlock(vm))
}
