package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// serviceAccountList serves /service-accounts: applications' accounts and the create form.
func (h *Handler) serviceAccountList(c echo.Context) error {
	f, err := h.serviceForm(c.Request().Context(), who(c).Tenant.ID, "", "", nil, nil)
	if err != nil {
		return err
	}
	return h.serviceAccountsPage(c, http.StatusOK, f)
}

func (h *Handler) serviceAccountsPage(c echo.Context, status int, f views.ServiceForm) error {
	list, err := h.store.ServiceAccounts(c.Request().Context(), who(c).Tenant.ID, 0, 500)
	if err != nil {
		return err
	}
	vm := views.ServiceAccounts{Form: f}
	for _, sa := range list {
		vm.Rows = append(vm.Rows, views.ServiceAccountRow{ID: sa.ID, Name: sa.FirstName, Login: sa.Login,
			Description: sa.Description, Status: sa.Status, ActiveKeys: sa.ActiveKeys, Created: sa.CreatedAt})
	}
	return render(c, status, views.ServiceAccountsPage(vm))
}

// serviceForm is the create form with the tenant's roles and groups to tick.
func (h *Handler) serviceForm(ctx context.Context, tenantID int64, name, desc string, roleIDs, groupIDs []int64) (views.ServiceForm, error) {
	roles, err := h.store.Roles(ctx, tenantID)
	if err != nil {
		return views.ServiceForm{}, err
	}
	groups, err := h.store.Groups(ctx, tenantID, "", "", 0, 500)
	if err != nil {
		return views.ServiceForm{}, err
	}
	f := views.ServiceForm{Name: name, Description: desc, Roles: roleOptions(ctx, roles, roleIDs)}
	for _, g := range groups {
		f.Groups = append(f.Groups, views.Option{Value: strconv.FormatInt(g.ID, 10), Label: g.Name,
			Checked: slices.Contains(groupIDs, g.ID)})
	}
	return f, nil
}

// serviceAccountCreate creates a service account. Joining a group gives its
// roles, so those count with the ticked roles against the actor's own access.
func (h *Handler) serviceAccountCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	name := strings.TrimSpace(c.FormValue("name"))
	desc := strings.TrimSpace(strings.ReplaceAll(c.FormValue("description"), "\r\n", "\n"))
	params, _ := c.FormParams()
	roleIDs, badRole := parseIDs(params["role"])
	groupIDs, badGroup := parseIDs(params["group"])
	errs := form.Service(ctx, name, desc)
	if badRole {
		errs["roles"] = i18n.T(ctx, "err_unknown_role")
	}
	if badGroup {
		errs["groups"] = i18n.T(ctx, "err_unknown_group")
	}
	if len(errs) == 0 {
		sa, err := h.ops.CreateServiceAccount(ctx, by(c), ops.NewService{Name: name, Description: desc,
			RoleIDs: roleIDs, GroupIDs: groupIDs})
		e, refused := ops.As(err)
		switch {
		case err == nil:
			return redirect(c, "/service-accounts/"+strconv.FormatInt(sa.ID, 10)+"?done=created")
		case errors.Is(err, store.ErrConflict):
			errs["name"] = i18n.T(ctx, "err_service_taken")
		case refused && e.Fields["group_ids"] != "" && e.Key == "api_err_groups_manage":
			errs["groups"] = i18n.T(ctx, "err_groups_manage")
		default:
			if errs, err = userFieldErrors(ctx, err); err != nil {
				return err
			}
		}
	}
	f, err := h.serviceForm(ctx, p.Tenant.ID, name, desc, roleIDs, groupIDs)
	if err != nil {
		return err
	}
	f.Errors = errs
	return h.serviceAccountsPage(c, http.StatusUnprocessableEntity, f)
}
