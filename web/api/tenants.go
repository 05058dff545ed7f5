package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// maxTreeJSON bounds the tree GET /tenants answers; a larger subtree is cut
// (truncated says so), as the console's list is.
const maxTreeJSON = 5000

type tenantJSON struct {
	ID        int64         `json:"id"`
	ParentID  *int64        `json:"parent_id"`
	Name      string        `json:"name"`
	Slug      string        `json:"slug"`
	Kind      string        `json:"kind"`
	Status    string        `json:"status"`
	Blocked   bool          `json:"blocked"`
	TimeZone  string        `json:"time_zone"`
	Currency  string        `json:"currency"`
	People    *int          `json:"people,omitempty"`
	Members   *int          `json:"members,omitempty"`
	CreatedAt time.Time     `json:"created_at"`
	Children  []*tenantJSON `json:"children,omitempty"`
}

func tenantOut(n store.TreeNode) *tenantJSON {
	return &tenantJSON{ID: n.ID, ParentID: n.ParentID, Name: n.Name, Slug: n.Slug, Kind: n.Kind, Status: n.Status,
		Blocked: n.Blocked, TimeZone: n.TimeZone, Currency: n.Currency, People: &n.People, Members: &n.Members,
		CreatedAt: n.CreatedAt}
}

// tenantList answers the key's tenant and its descendants as a nested tree.
func (a *API) tenantList(c echo.Context) error {
	nodes, more, err := a.store.TenantTree(c.Request().Context(), tenant(c), "", maxTreeJSON)
	if err != nil {
		return err
	}
	byID := map[int64]*tenantJSON{}
	var root *tenantJSON
	for _, n := range nodes {
		t := tenantOut(n)
		byID[n.ID] = t
		if n.ParentID != nil && byID[*n.ParentID] != nil {
			p := byID[*n.ParentID]
			p.Children = append(p.Children, t)
		} else if root == nil {
			root = t
		}
	}
	return reply(c, http.StatusOK, struct {
		Tenant    *tenantJSON `json:"tenant"`
		Truncated bool        `json:"truncated"`
	}{root, more})
}

// tenantGet answers one tenant of the key's subtree; any other is a 404.
func (a *API) tenantGet(c echo.Context) error {
	t, err := a.pathTenant(c)
	if err != nil {
		return err
	}
	return a.replyTenant(c, http.StatusOK, t.ID)
}

func (a *API) pathTenant(c echo.Context) (store.Tenant, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return store.Tenant{}, err
	}
	return a.store.SubTenant(c.Request().Context(), tenant(c), id)
}

func (a *API) replyTenant(c echo.Context, status int, id int64) error {
	nodes, _, err := a.store.TenantTree(c.Request().Context(), id, "", 1)
	if err != nil {
		return err
	}
	if len(nodes) == 0 {
		return store.ErrNotFound
	}
	return reply(c, status, tenantOut(nodes[0]))
}

type tenantInput struct {
	Name           *string `json:"name"`
	Slug           *string `json:"slug"`
	ParentID       *int64  `json:"parent_id"`
	TimeZone       *string `json:"time_zone"`
	Currency       *string `json:"currency"`
	AdminEmail     string  `json:"admin_email"`
	AdminFirstName string  `json:"admin_first_name"`
	AdminLastName  string  `json:"admin_last_name"`
	AdminAccountID int64   `json:"admin_account_id"`
}

// over sets the fields present over f.
func (in tenantInput) over(f *form.Tenant) {
	for _, s := range []struct {
		v   *string
		dst *string
	}{{in.Name, &f.Name}, {in.Slug, &f.Slug}, {in.TimeZone, &f.TimeZone}, {in.Currency, &f.Currency}} {
		if s.v != nil {
			*s.dst = *s.v
		}
	}
	if in.ParentID != nil {
		f.ParentID = *in.ParentID
	}
}

// tenantCreate creates a tenant below the key's (parent_id: the key's tenant
// or one below it), with an optional first administrator.
func (a *API) tenantCreate(c echo.Context) error {
	var in tenantInput
	if err := bind(c, &in); err != nil {
		return err
	}
	f := form.Tenant{AdminEmail: in.AdminEmail, AdminFirstName: in.AdminFirstName, AdminLastName: in.AdminLastName,
		AdminAccountID: in.AdminAccountID}
	in.over(&f)
	t, err := a.ops.CreateTenant(c.Request().Context(), principal(c), f)
	if err != nil {
		return err
	}
	return a.replyTenant(c, http.StatusCreated, t.ID)
}

// tenantUpdate renames a tenant, changes its time zone or currency, or moves
// it (parent_id); its slug and first administrator are not changed here.
func (a *API) tenantUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	var in tenantInput
	if err := bind(c, &in); err != nil {
		return err
	}
	if err := readOnly(ctx, map[string]bool{"slug": in.Slug != nil, "admin_email": in.AdminEmail != "",
		"admin_first_name": in.AdminFirstName != "", "admin_last_name": in.AdminLastName != "",
		"admin_account_id": in.AdminAccountID != 0}); err != nil {
		return err
	}
	t, err := a.pathTenant(c)
	if err != nil {
		return err
	}
	f := form.Tenant{Name: t.Name, TimeZone: t.TimeZone, Currency: t.Currency}
	in.over(&f)
	if _, err := a.ops.UpdateTenant(ctx, principal(c), t.ID, f); err != nil {
		return err
	}
	return a.replyTenant(c, http.StatusOK, t.ID)
}

// tenantDeactivate and tenantActivate change a tenant's status with its
// subtree's; the key's own tenant (or a root) is a 409.
func (a *API) tenantDeactivate(c echo.Context) error { return a.tenantStatus(c, false) }

func (a *API) tenantActivate(c echo.Context) error { return a.tenantStatus(c, true) }

func (a *API) tenantStatus(c echo.Context, active bool) error {
	t, err := a.pathTenant(c)
	if err != nil {
		return err
	}
	change := a.ops.DeactivateTenant
	if active {
		change = a.ops.ActivateTenant
	}
	if _, err := change(c.Request().Context(), principal(c), t.ID); err != nil {
		return err
	}
	return a.replyTenant(c, http.StatusOK, t.ID)
}

// readOnly refuses the fields set that the endpoint does not change.
func readOnly(ctx context.Context, set map[string]bool) error {
	errs := map[string]string{}
	for field, on := range set {
		if on {
			errs[field] = i18n.T(ctx, "api_err_read_only")
		}
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	return nil
}
