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

var serviceNotices = map[string]string{"created": "notice_svc_created", "revoked": "notice_key_revoked", "roles": "notice_roles_saved",
	"activated": "notice_svc_activated", "deactivated": "notice_svc_deactivated", "groups": "i16sa_groups_saved"}

// service reads the :id of a service-account route; a person's id is a 404.
func (h *Handler) service(c echo.Context) (store.Account, error) {
	a, err := h.anyAccount(c)
	if err == nil && a.Kind != "service" {
		err = &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return a, err
}

// serviceAccountShow serves one service account: details, status and keys.
func (h *Handler) serviceAccountShow(c echo.Context) error {
	a, err := h.service(c)
	if err != nil {
		return err
	}
	vm, err := h.serviceVM(c, a)
	if err != nil {
		return err
	}
	vm.Notice = serviceNotices[c.QueryParam("done")]
	return render(c, http.StatusOK, views.ServiceAccountPage(vm))
}

// serviceVM builds the page: the account, its roles with their sources, its groups and keys.
func (h *Handler) serviceVM(c echo.Context, a store.Account) (views.ServiceAccountView, error) {
	ctx := c.Request().Context()
	sa, err := h.store.ServiceAccountByID(ctx, a.TenantID, a.ID)
	if err != nil {
		return views.ServiceAccountView{}, err
	}
	held, err := h.store.HeldRoles(ctx, a.TenantID, a.ID)
	if err != nil {
		return views.ServiceAccountView{}, err
	}
	groups, err := h.store.AccountGroups(ctx, a.TenantID, a.ID)
	if err != nil {
		return views.ServiceAccountView{}, err
	}
	keys, err := h.keysVM(ctx, a.TenantID, a.ID, accountKeysBase(a))
	if err != nil {
		return views.ServiceAccountView{}, err
	}
	vm := views.ServiceAccountView{ID: a.ID, Name: a.FirstName, Login: a.Login, Description: sa.Description,
		Status: a.Status, Keys: keys}
	for _, r := range held {
		label := roleLabel(ctx, r.BuiltinKey, r.Name)
		if r.GroupID != 0 {
			label = i18n.T(ctx, "svc_role_via", map[string]any{"Role": label, "Group": r.GroupName})
		}
		vm.Roles = append(vm.Roles, label)
	}
	in := map[int64]bool{}
	for _, g := range groups {
		in[g.ID] = true
		vm.GroupsHeld = append(vm.GroupsHeld, views.Option{Value: strconv.FormatInt(g.ID, 10), Label: g.Name})
	}
	all, err := h.store.Groups(ctx, a.TenantID, "", "", 0, 500)
	if err != nil {
		return vm, err
	}
	for _, g := range all {
		if !in[g.ID] {
			vm.GroupOptions = append(vm.GroupOptions, views.Option{Value: strconv.FormatInt(g.ID, 10), Label: g.Name})
		}
	}
	roles, err := h.store.Roles(ctx, a.TenantID)
	if err != nil {
		return vm, err
	}
	var direct []int64
	for _, r := range held {
		if r.GroupID == 0 {
			direct = append(direct, r.RoleID)
		}
	}
	vm.RoleOptions = roleOptions(ctx, roles, direct)
	return vm, nil
}

// serviceAccountActivate lets the application's keys work again.
func (h *Handler) serviceAccountActivate(c echo.Context) error { return h.serviceStatus(c, "active") }

// serviceAccountDeactivate stops every key of the application at once.
func (h *Handler) serviceAccountDeactivate(c echo.Context) error {
	return h.serviceStatus(c, "deactivated")
}

func (h *Handler) serviceStatus(c echo.Context, status string) error {
	a, err := h.service(c)
	if err != nil {
		return err
	}
	if _, err := h.ops.SetStatus(c.Request().Context(), by(c), a.ID, status); err != nil {
		if errors.Is(err, store.ErrLastManager) { // a service account is never a manager; kept for safety
			return &pageError{status: http.StatusConflict, key: "err_last_manager"}
		}
		return err
	}
	done := map[string]string{"active": "activated", "deactivated": "deactivated"}[status]
	return redirect(c, "/service-accounts/"+strconv.FormatInt(a.ID, 10)+"?done="+done)
}

// serviceAccountRoles saves the service account's role switches as soon as
// one changes: the posted switches become its direct roles, within the
// actor's own access (the operation judges). After htmx, the switches and
// the roles held come back; a refusal shows why with the switches as saved.
func (h *Handler) serviceAccountRoles(c echo.Context) error {
	a, err := h.service(c)
	if err != nil {
		return err
	}
	alert, err := h.replaceRoles(c, a.ID, false)
	if err != nil {
		return err
	}
	if alert == "" && !isHTMX(c) {
		return redirect(c, "/service-accounts/"+strconv.FormatInt(a.ID, 10)+"?done=roles")
	}
	vm, err := h.serviceVM(c, a)
	if err != nil {
		return err
	}
	if alert == "" {
		vm.RolesSaved = true
		return render(c, http.StatusOK, views.ServiceRolesChanged(vm))
	}
	vm.RolesAlert = alert
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.ServiceRoleToggles(vm))
	}
	return render(c, http.StatusUnprocessableEntity, views.ServiceAccountPage(vm))
}
