package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// roleHolders serves /roles/:id: who holds the role, each directly or
// through which groups, paged by name, each linking to the person.
func (h *Handler) roleHolders(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	r, err := h.store.Role(ctx, p.Tenant.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	} else if err != nil {
		return err
	}
	name, after, ok := decodeKey(c.QueryParam("after"))
	if !ok {
		name, after = "", 0
	}
	rows, err := h.store.RoleHolders(ctx, p.Tenant.ID, r.ID, name, after, membersPerPage+1)
	if err != nil {
		return err
	}
	vm := views.RoleHolders{ID: r.ID, Name: roleLabel(ctx, r.BuiltinKey, r.Name), Paged: c.QueryParam("after") != ""}
	if len(rows) > membersPerPage {
		rows = rows[:membersPerPage]
		last := rows[len(rows)-1]
		vm.Next = encodeKey(last.SortName, last.AccountID)
	}
	for _, x := range rows {
		vm.Rows = append(vm.Rows, views.RoleHolderRow{ID: x.AccountID, Name: x.Name, Email: x.Email, Direct: x.Direct, Groups: x.Groups})
	}
	title := i18n.T(ctx, "i16g_role_holders_title", map[string]any{"Name": vm.Name})
	return rolePage(c, http.StatusOK, title, views.RoleHoldersPage(title, vm), views.RoleHoldersBlock(title, vm))
}
