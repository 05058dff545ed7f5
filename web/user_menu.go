package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// userMenu answers a row's ⋯ menu with its items, when it first opens: the
// actions that apply to the person now (each refused or allowed again when
// chosen). Another tenant's person, or an application, is a 404.
func (h *Handler) userMenu(c echo.Context) error {
	p := who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	// h.account finds the tenant's own people only: a member pushed down from
	// another tenant (whose row has no menu) is a 404 here.
	r := userRow(c.Request().Context(), a, nil, p.Account.ID, p.locks(a), h.store.Now())
	return render(c, http.StatusOK, views.RowMenuItems(r))
}
