package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// ownKeys serves /account/keys: the signed-in person's own API keys.
func (h *Handler) ownKeys(c echo.Context) error {
	vm, err := h.ownKeysVM(c)
	if err != nil {
		return err
	}
	if c.QueryParam("done") == "revoked" {
		vm.Keys.Notice = "notice_key_revoked"
	}
	return render(c, http.StatusOK, views.AccountKeysPage(vm))
}

func (h *Handler) ownKeysVM(c echo.Context) (views.AccountKeys, error) {
	p := who(c)
	keys, err := h.keysVM(c.Request().Context(), p.Tenant.ID, p.Account.ID, "/account/keys")
	return views.AccountKeys{Own: true, AccountName: p.Account.Name(), Keys: keys}, err
}

// ownKeyCreate makes a key for the signed-in person and shows it once.
func (h *Handler) ownKeyCreate(c echo.Context) error {
	key, errs, err := h.createKey(c, who(c).Account)
	if err != nil {
		return err
	}
	vm, err := h.ownKeysVM(c)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		vm.Keys.Name, vm.Keys.Expires, vm.Keys.Errors = c.FormValue("name"), c.FormValue("expires"), errs
	} else {
		vm.Keys.NewKey, vm.Keys.NewName = key, c.FormValue("name")
	}
	return render(c, status, views.AccountKeysPage(vm))
}

// ownKeyRevoke revokes one of the signed-in person's keys.
func (h *Handler) ownKeyRevoke(c echo.Context) error {
	if err := h.revokeKey(c, who(c).Account.ID); err != nil {
		return err
	}
	return redirect(c, "/account/keys?done=revoked")
}
