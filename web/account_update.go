package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// accountUpdate saves one's own names, language, time zone and currency, with
// the edit-user form's rules; errors re-render My account with 422.
func (h *Handler) accountUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	f := bindUserForm(c)
	errs := map[string]string{}
	f.ValidatePersonal(ctx, errs)
	if len(errs) == 0 {
		_, err := h.ops.UpdateOwnProfile(ctx, by(c), store.OwnProfile{FirstName: f.FirstName, LastName: f.LastName,
			Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency})
		if e, ok := ops.As(err); ok && e.Key == "scim_err_managed" {
			errs["first_name"] = i18n.T(ctx, e.Key) // the names are the identity provider's
		} else if err != nil {
			return err
		}
	}
	if len(errs) == 0 {
		// A full load: the header shows the new name and the page the new language.
		return redirect(c, "/account?done=profile")
	}
	vm, err := h.accountVM(ctx, c)
	if err != nil {
		return err
	}
	vm.Profile.FirstName, vm.Profile.LastName, vm.Profile.Language = f.FirstName, f.LastName, f.Language
	vm.Profile.TimeZone, vm.Profile.Currency, vm.Profile.Errors = f.TimeZone, f.Currency, errs
	return page(c, http.StatusUnprocessableEntity, views.AccountPage(vm), views.AccountBlock(vm))
}
