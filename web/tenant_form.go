package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/slug"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// tenantNew serves the new customer / sub-tenant form, below the tenant
// acted in unless ?parent names one of its descendants.
func (h *Handler) tenantNew(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	parent, _ := strconv.ParseInt(c.QueryParam("parent"), 10, 64)
	if parent == 0 {
		parent = p.Tenant.ID
	}
	f := views.TenantForm{ParentID: parent, TimeZone: p.Tenant.TimeZone, Currency: p.Tenant.Currency, AdminMode: "invite"}
	if err := h.tenantFormVM(ctx, p, &f); err != nil {
		return err
	}
	return page(c, http.StatusOK, views.TenantFormPage(f), views.TenantFormBlock(f))
}

// tenantCreate creates a tenant and its first administrator; refused input
// is said beside its field and nothing is written.
func (h *Handler) tenantCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	v := views.TenantForm{AdminMode: c.FormValue("admin_mode"), AdminExisting: strings.TrimSpace(c.FormValue("admin_account_id"))}
	f := bindTenantForm(c, &v)
	if f.Slug == "" {
		f.Slug = slug.From(f.Name) // the suggestion the hint promises
	}
	errs := map[string]string{}
	if v.AdminMode == "existing" {
		f.AdminEmail, f.AdminFirstName, f.AdminLastName = "", "", ""
		if v.AdminExisting != "" {
			a, err := h.store.AccountByLoginOrEmail(ctx, p.Tenant.ID, v.AdminExisting)
			switch {
			case errors.Is(err, store.ErrNotFound) || err == nil && a.Kind != "user":
				errs["admin_account_id"] = i18n.T(ctx, "err_tenant_admin_unknown")
			case err != nil:
				return err
			default:
				f.AdminAccountID = a.ID
			}
		}
	}
	status := http.StatusUnprocessableEntity
	if len(errs) == 0 {
		_, err := h.ops.CreateTenant(ctx, by(c), f)
		if err == nil {
			return redirect(c, "/tenants?done=created")
		}
		if errs, status, err = tenantFieldErrors(c, err); err != nil {
			return err
		}
	}
	v.Slug, v.Errors = f.Slug, errs
	if err := h.tenantFormVM(ctx, p, &v); err != nil {
		return err
	}
	return page(c, status, views.TenantFormPage(v), views.TenantFormBlock(v))
}

// tenantEdit serves a tenant's edit page: the tenant acted in or one below
// it; any other is not found.
func (h *Handler) tenantEdit(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	t, err := h.subTenant(c)
	if err != nil {
		return err
	}
	f := tenantFormOf(t)
	if c.QueryParam("done") != "" {
		f.Saved = tenantNotice(ctx, c.QueryParam("done"))
	}
	if err := h.tenantFormVM(ctx, p, &f); err != nil {
		return err
	}
	return page(c, http.StatusOK, views.TenantFormPage(f), views.TenantFormBlock(f))
}

// tenantUpdate renames, moves or changes a tenant's time zone and currency.
func (h *Handler) tenantUpdate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	t, err := h.subTenant(c)
	if err != nil {
		return err
	}
	v := tenantFormOf(t)
	f := bindTenantForm(c, &v)
	if t.ID == p.Tenant.ID {
		f.ParentID, v.ParentID = 0, 0
	}
	_, err = h.ops.UpdateTenant(ctx, by(c), t.ID, f)
	if err == nil {
		return redirect(c, tenantPathOf(t.ID)+"/edit?done=saved")
	}
	var status int
	if v.Errors, status, err = tenantFieldErrors(c, err); err != nil {
		return err
	}
	if err := h.tenantFormVM(ctx, p, &v); err != nil {
		return err
	}
	return page(c, status, views.TenantFormPage(v), views.TenantFormBlock(v))
}

// tenantDeactivate and tenantActivate change a tenant's status; the tenant
// acted in (or a root) is refused with the reason, on its edit page.
func (h *Handler) tenantDeactivate(c echo.Context) error { return h.tenantStatus(c, false) }

func (h *Handler) tenantActivate(c echo.Context) error { return h.tenantStatus(c, true) }

func (h *Handler) tenantStatus(c echo.Context, active bool) error {
	ctx, p := c.Request().Context(), who(c)
	t, err := h.subTenant(c)
	if err != nil {
		return err
	}
	change, done := h.ops.DeactivateTenant, "deactivated"
	if active {
		change, done = h.ops.ActivateTenant, "activated"
	}
	if _, err = change(ctx, by(c), t.ID); err == nil {
		return redirect(c, tenantPathOf(t.ID)+"/edit?done="+done)
	}
	e, ok := ops.As(err)
	if !ok || e.Kind != ops.Conflict || isHTMX(c) {
		return err // htmx: the refusal is a toast, the page stays
	}
	v := tenantFormOf(t)
	v.Errors = map[string]string{"": i18n.T(ctx, e.Key)}
	if err := h.tenantFormVM(ctx, p, &v); err != nil {
		return err
	}
	return page(c, http.StatusConflict, views.TenantFormPage(v), views.TenantFormBlock(v))
}

// subTenant is the tenant the path's id names, if it is the tenant acted in
// or below it.
func (h *Handler) subTenant(c echo.Context) (store.Tenant, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Tenant{}, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return h.store.SubTenant(c.Request().Context(), who(c).Tenant.ID, id)
}

func tenantPathOf(id int64) string { return "/tenants/" + strconv.FormatInt(id, 10) }

// bindTenantForm reads the posted fields into the operation's form and the
// view's, so a refused form shows what was typed.
func bindTenantForm(c echo.Context, v *views.TenantForm) form.Tenant {
	parent, _ := strconv.ParseInt(c.FormValue("parent_id"), 10, 64)
	f := form.Tenant{Name: c.FormValue("name"), Slug: c.FormValue("slug"), ParentID: parent,
		TimeZone: c.FormValue("time_zone"), Currency: c.FormValue("currency"),
		AdminEmail: c.FormValue("admin_email"), AdminFirstName: c.FormValue("admin_first_name"),
		AdminLastName: c.FormValue("admin_last_name")}
	v.Name, v.TimeZone, v.Currency = f.Name, f.TimeZone, f.Currency
	if v.ID == 0 {
		v.Slug, v.AdminEmail, v.AdminFirstName, v.AdminLastName = f.Slug, f.AdminEmail, f.AdminFirstName, f.AdminLastName
	}
	if parent != 0 {
		v.ParentID = parent
	}
	return f
}

// tenantFieldErrors turns an operation's refusal with fields into the form's
// messages and status: 409 for a slug taken, 403 for an administrator
// beyond the actor, else 422; always 422 for htmx, the one error status it
// swaps. Anything else is returned as it is.
func tenantFieldErrors(c echo.Context, err error) (map[string]string, int, error) {
	e, ok := ops.As(err)
	if !ok || len(e.Fields) == 0 {
		return nil, 0, err
	}
	status := map[ops.Kind]int{ops.Conflict: http.StatusConflict, ops.Forbidden: http.StatusForbidden}[e.Kind]
	if status == 0 || isHTMX(c) {
		status = http.StatusUnprocessableEntity
	}
	return e.Fields, status, nil
}

func tenantFormOf(t store.Tenant) views.TenantForm {
	f := views.TenantForm{ID: t.ID, Name: t.Name, Slug: t.Slug, TimeZone: t.TimeZone, Currency: t.Currency,
		Status: t.Status, Blocked: t.Blocked}
	if t.ParentID != nil {
		f.ParentID = *t.ParentID
	}
	return f
}

// tenantFormVM fills what the form offers: the parents, and for an existing
// tenant its kind and whether it is the tenant acted in.
func (h *Handler) tenantFormVM(ctx context.Context, p *principal, f *views.TenantForm) error {
	f.Self = f.ID != 0 && f.ID == p.Tenant.ID
	if f.Self {
		return nil
	}
	var err error
	f.Parents, err = h.tenantOptions(ctx, p.Tenant.ID, f.ID)
	return err
}
