package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
)

type permissionJSON struct {
	Key         string `json:"key"`
	Area        string `json:"area"`
	Write       bool   `json:"write"`
	Description string `json:"description"`
}

// permissionList is the catalog roles are made of, plus the tenant's modules.
func (a *API) permissionList(c echo.Context) error {
	ctx := c.Request().Context()
	var items []permissionJSON
	for _, p := range auth.Catalog {
		items = append(items, permissionJSON{Key: string(p.Key), Area: p.Area, Write: p.Write,
			Description: i18n.T(ctx, "perm_"+i18n.PermKey(string(p.Key))+"_desc")})
	}
	mods, err := a.store.Modules(ctx, tenant(c))
	if err != nil {
		return err
	}
	for _, m := range mods {
		items = append(items, permissionJSON{Key: string(auth.Module(m.Key)), Area: "modules", Description: m.Name})
	}
	return reply(c, http.StatusOK, newPage(items, ""))
}
