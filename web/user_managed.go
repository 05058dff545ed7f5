package web

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/views"
)

// A service provider's user manages customers: the create form's second
// step ("Proceed to Managed customers") and the sidebar's table, a row per
// tenant below the one acted in with the roles the person gets there.

// userManaged saves the sidebar's Managed customers table.
func (h *Handler) userManaged(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	rows, errs := bindManaged(ctx, c, true)
	if len(rows) == 0 && len(errs) == 0 {
		errs = map[string]string{"managed_customers": i18n.T(ctx, "managed_none")} // no table was posted
	}
	status := http.StatusUnprocessableEntity
	if len(errs) == 0 {
		err = h.ops.SetManaged(ctx, by(c), a.ID, rows)
		if err == nil {
			if !isHTMX(c) {
				return redirect(c, "/users/"+strconv.FormatInt(a.ID, 10)+"/edit?saved=1")
			}
			t, err := h.managedVM(ctx, p, a.ID, nil, nil, nil)
			if err != nil {
				return err
			}
			t.Saved = true
			return render(c, http.StatusOK, views.ManagedSection(t))
		}
		e, ok := ops.As(err)
		if !ok {
			return err
		}
		status = managedStatus(err)
		errs = e.Fields
		if len(errs) == 0 {
			errs = map[string]string{"": i18n.T(ctx, e.Key, e.Data)}
		}
	}
	chosen := map[int64][]int64{}
	for _, m := range rows {
		if !m.Remove {
			chosen[m.TenantID] = m.RoleIDs
		}
	}
	t, err := h.managedVM(ctx, p, a.ID, chosen, rows, errs)
	if err != nil {
		return err
	}
	if !isHTMX(c) {
		vm, err := h.editVM(ctx, p, a)
		if err != nil {
			return err
		}
		vm.Managed = t
		return h.sidebar(c, status, views.UserEditSidebar(vm))
	}
	return render(c, status, views.ManagedSection(t))
}

// bindManaged reads the table: every row shown (customers_shown), ticked
// ones (customer) with their roles (customer_roles_<id>); an unticked row is
// a membership to end when removing (the sidebar), left out when creating.
// Ids that are no numbers are refused, naming their row.
func bindManaged(ctx context.Context, c echo.Context, removing bool) ([]form.Managed, map[string]string) {
	params, err := c.FormParams()
	if err != nil {
		return nil, map[string]string{"managed_customers": i18n.T(ctx, "err_bad_request")}
	}
	ticked, badTicked := parseIDs(params["customer"])
	shown, badShown := parseIDs(params["customers_shown"])
	var errs map[string]string
	if badTicked || badShown {
		errs = map[string]string{"managed_customers": i18n.T(ctx, "managed_err_customer")}
	}
	order := shown
	for _, id := range ticked {
		if !slices.Contains(shown, id) {
			order = append(order, id)
		}
	}
	var out []form.Managed
	for _, id := range order {
		if !slices.Contains(ticked, id) {
			if removing {
				out = append(out, form.Managed{TenantID: id, Remove: true})
			}
			continue
		}
		roles, bad := parseIDs(params["customer_roles_"+strconv.FormatInt(id, 10)])
		if bad {
			if errs == nil {
				errs = map[string]string{}
			}
			errs[ops.ManagedField(len(out), "role_ids")] = i18n.T(ctx, "err_unknown_role")
		}
		out = append(out, form.Managed{TenantID: id, RoleIDs: roles})
	}
	return out, errs
}

// managedVM is the Managed customers table of the tenant p acts in for the
// account (0 for one being created): not offered when the tenant has no
// customers. chosen, when not nil, is what was posted, in place of the
// account's memberships; errs are the operations' field errors, whose
// entries index posted.
func (h *Handler) managedVM(ctx context.Context, p *principal, accountID int64, chosen map[int64][]int64,
	posted []form.Managed, errs map[string]string) (views.ManagedTable, error) {
	t := views.ManagedTable{AccountID: accountID, Editable: p.Perms.Has(auth.UsersManage)}
	if !p.Customers {
		return t, nil
	}
	t.Offered = true
	customers, err := h.store.ManagedCustomers(ctx, p.Tenant.ID, accountID)
	if err != nil {
		return t, err
	}
	rowErr := map[int64]string{}
	for k, msg := range errs {
		if i, ok := managedIndex(k); ok && i < len(posted) {
			rowErr[posted[i].TenantID] = msg
		} else if k != "" && !strings.HasPrefix(k, "managed_customers") {
			continue // a field of the first step
		} else {
			t.Alert = msg
		}
	}
	// What the operation would refuse is not offered: a role beyond the viewer's own access.
	names := map[int64]string{}
	for _, m := range customers {
		names[m.Tenant.ID] = m.Tenant.Name
	}
	for _, m := range customers {
		held, manages := m.Held, m.Member
		if chosen != nil {
			held, manages = chosen[m.Tenant.ID]
		}
		r := views.ManagedRow{TenantID: m.Tenant.ID, Name: m.Tenant.Name, Depth: m.Depth, Deactivated: m.Tenant.Status != "active",
			Manages: manages, Err: rowErr[m.Tenant.ID]}
		for i, o := range roleOptions(ctx, m.Roles, held) {
			r.Roles = append(r.Roles, views.ManagedRole{Option: o, Beyond: !grantable(p, m.Roles[i].Permissions)})
		}
		if m.Depth > 1 && m.Tenant.ParentID != nil {
			r.Parent = names[*m.Tenant.ParentID]
		}
		t.Rows = append(t.Rows, r)
		delete(rowErr, m.Tenant.ID)
	}
	for _, msg := range rowErr {
		t.Alert = msg // a row not shown: a tenant that is no customer here
	}
	return t, nil
}

// managedIndex is the entry index of an operations' field name
// "managed_customers[i].field".
func managedIndex(field string) (int, bool) {
	rest, ok := strings.CutPrefix(field, "managed_customers[")
	if !ok {
		return 0, false
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(n)
	return i, err == nil && i >= 0
}

// mergeErrs adds b's messages to a's.
func mergeErrs(a, b map[string]string) map[string]string {
	if a == nil {
		a = map[string]string{}
	}
	maps.Copy(a, b)
	return a
}

// managedStatus is the status of a refused Managed customers save: a
// customer not below the tenant 404, a role beyond the actor's access 403,
// any other refusal of input 422.
func managedStatus(err error) int {
	switch e, _ := ops.As(err); {
	case e != nil && e.Kind == ops.NotFound:
		return http.StatusNotFound
	case e != nil && e.Kind == ops.Forbidden:
		return http.StatusForbidden
	}
	return http.StatusUnprocessableEntity
}
