package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// switcher lists the tenants the signed-in person may act in, filtered by
// ?q=, recent first: the customer switcher's fragment for htmx, a page of
// its own otherwise. One statement whatever the number of tenants.
func (h *Handler) switcher(c echo.Context) error {
	p := who(c)
	q := strings.TrimSpace(c.QueryParam("q"))
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	list, err := h.store.Reach(c.Request().Context(), p.Account.ID, p.Account.TenantID, q, views.SwitcherLimit+1)
	if err != nil {
		return err
	}
	vm := views.Switcher{Query: q, More: len(list) > views.SwitcherLimit}
	for i, t := range list {
		if i == views.SwitcherLimit {
			break
		}
		vm.Tenants = append(vm.Tenants, views.SwitcherTenant{Name: t.Name, Slug: t.Slug, Home: t.Home, Current: t.ID == p.Tenant.ID})
	}
	return page(c, http.StatusOK, views.SwitcherPage(vm), views.SwitcherResults(vm))
}
