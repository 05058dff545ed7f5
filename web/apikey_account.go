package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// anyAccount reads the :id of a route that names a person or a service account.
func (h *Handler) anyAccount(c echo.Context) (store.Account, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Account{}, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	a, err := h.store.Account(c.Request().Context(), who(c).Tenant.ID, id)
	return a, err
}

func accountKeysBase(a store.Account) string {
	return "/accounts/" + strconv.FormatInt(a.ID, 10) + "/keys"
}

// accountKeys serves /accounts/{id}/keys: any account's keys, for holders of
// apikeys.manage. A service account's keys live on its own page.
func (h *Handler) accountKeys(c echo.Context) error {
	a, err := h.anyAccount(c)
	if err != nil {
		return err
	}
	if a.Kind == "service" {
		return redirect(c, "/service-accounts/"+strconv.FormatInt(a.ID, 10))
	}
	keys, err := h.keysVM(c.Request().Context(), a.TenantID, a.ID, accountKeysBase(a))
	if err != nil {
		return err
	}
	if c.QueryParam("done") == "revoked" {
		keys.Notice = "notice_key_revoked"
	}
	if keys.CanCreate, err = h.mayActFor(c.Request().Context(), who(c), a); err != nil {
		return err
	}
	return render(c, http.StatusOK, views.AccountKeysPage(views.AccountKeys{AccountName: a.Name(), Kind: a.Kind,
		BackURL: "/users/" + strconv.FormatInt(a.ID, 10) + "/edit", Keys: keys}))
}

// accountKeyCreate makes a key for the account and shows it once, on the
// service account's page or the person's keys page.
func (h *Handler) accountKeyCreate(c echo.Context) error {
	a, err := h.anyAccount(c)
	if err != nil {
		return err
	}
	key, errs, err := h.createKey(c, a)
	if err != nil {
		return err
	}
	keys, err := h.keysVM(c.Request().Context(), a.TenantID, a.ID, accountKeysBase(a))
	if err != nil {
		return err
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		keys.Name, keys.Expires, keys.Errors = c.FormValue("name"), c.FormValue("expires"), errs
	} else {
		keys.NewKey, keys.NewName = key, c.FormValue("name")
	}
	if a.Kind == "service" {
		vm, err := h.serviceVM(c, a)
		if err != nil {
			return err
		}
		vm.Keys = keys
		return render(c, status, views.ServiceAccountPage(vm))
	}
	return render(c, status, views.AccountKeysPage(views.AccountKeys{AccountName: a.Name(), Kind: a.Kind,
		BackURL: "/users/" + strconv.FormatInt(a.ID, 10) + "/edit", Keys: keys}))
}

// accountKeyRevoke revokes a key of the account.
func (h *Handler) accountKeyRevoke(c echo.Context) error {
	a, err := h.anyAccount(c)
	if err != nil {
		return err
	}
	if err := h.revokeKey(c, a.ID); err != nil {
		return err
	}
	if a.Kind == "service" {
		return redirect(c, "/service-accounts/"+strconv.FormatInt(a.ID, 10)+"?done=revoked")
	}
	return redirect(c, accountKeysBase(a)+"?done=revoked")
}
