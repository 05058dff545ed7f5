package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/views"
)

// tenantsShown bounds the tree a page lists: a bounded list in tree order
// with a search box, rather than keyset pages, because a tree cut into pages
// loses the parents a page's first rows hang from; with 1,000 customers the
// first 300 rows show the tree's shape and the search finds any one of them.
const tenantsShown = 300

// tenantList serves /tenants: the tenant acted in and its descendants.
func (h *Handler) tenantList(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	q := strings.TrimSpace(c.QueryParam("q"))
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	nodes, more, err := h.store.TenantTree(ctx, p.Tenant.ID, q, tenantsShown)
	if err != nil {
		return err
	}
	vm := views.Tenants{Q: q, More: more, Limit: tenantsShown, Notice: tenantNotice(ctx, c.QueryParam("done"))}
	var top int
	if len(nodes) > 0 && nodes[0].ID == p.Tenant.ID {
		top = nodes[0].Depth
	} else {
		top = depthOf(ctx, h, p.Tenant.ID) // searching: the tenant acted in may not match
	}
	for _, n := range nodes {
		vm.Rows = append(vm.Rows, views.TenantRow{ID: n.ID, Name: n.Name, Slug: n.Slug, Kind: n.Kind, Level: n.Depth - top,
			People: n.People, Members: n.Members, Status: n.Status, Blocked: n.Blocked, Self: n.ID == p.Tenant.ID})
	}
	return page(c, http.StatusOK, views.TenantsPage(vm), views.TenantsBlock(vm))
}

// depthOf is how deep tenant id stands in its tree.
func depthOf(ctx context.Context, h *Handler, id int64) int {
	nodes, _, err := h.store.TenantTree(ctx, id, "", 1)
	if err != nil || len(nodes) == 0 {
		return 0
	}
	return nodes[0].Depth
}

// tenantNotice says what a change did, after its redirect.
func tenantNotice(ctx context.Context, done string) string {
	switch done {
	case "created", "saved", "deactivated", "activated":
		return i18n.T(ctx, "tenants_done_"+done)
	}
	return ""
}

// tenantOptions are the parents a tenant may have: the tenant acted in and
// its descendants, except (when moving) the tenant itself and its subtree.
func (h *Handler) tenantOptions(ctx context.Context, top int64, moving int64) ([]views.TenantOption, error) {
	nodes, _, err := h.store.TenantTree(ctx, top, "", 1000)
	if err != nil {
		return nil, err
	}
	var out []views.TenantOption
	skip := -1
	for _, n := range nodes {
		if skip >= 0 && n.Depth > skip {
			continue
		}
		skip = -1
		if n.ID == moving {
			skip = n.Depth
			continue
		}
		level := n.Depth - nodes[0].Depth
		out = append(out, views.TenantOption{ID: n.ID, Level: level,
			Label: strings.Repeat("\u00a0\u00a0", level) + n.Name + " (" + n.Slug + ")"})
	}
	return out, nil
}
