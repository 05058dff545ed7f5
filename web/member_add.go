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
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// candidateLimit is how many people a search of "Add existing person" shows.
const candidateLimit = 20

// memberAddForm opens "Add existing person"; ?q= searches (a full page load
// shows the results, so the form works without script).
func (h *Handler) memberAddForm(c echo.Context) error {
	vm, err := h.memberAddVM(c.Request().Context(), who(c), c.QueryParam("q"), 0, nil)
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusOK, views.MemberAddSidebar(vm))
}

// memberCandidates is the type-ahead: the people found, as a fragment.
func (h *Handler) memberCandidates(c echo.Context) error {
	vm, err := h.memberAddVM(c.Request().Context(), who(c), c.QueryParam("q"), 0, nil)
	if err != nil {
		return err
	}
	if !isHTMX(c) {
		return h.sidebar(c, http.StatusOK, views.MemberAddSidebar(vm))
	}
	return render(c, http.StatusOK, views.MemberCandidates(vm))
}

// memberAdd pushes the chosen person down into this tenant with the roles
// ticked, or changes them when they are already a member (the notice says
// which); refusals come back beside the form.
func (h *Handler) memberAdd(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	roles, bad := postedIDs(c, "role")
	id, err := strconv.ParseInt(c.FormValue("account"), 10, 64)
	errs := map[string]string{}
	if err != nil || id <= 0 {
		errs["account"] = i18n.T(ctx, "members_choose_person")
	}
	if bad {
		errs["roles"] = i18n.T(ctx, "err_unknown_role")
	}
	alert := ""
	if len(errs) == 0 {
		added, err := h.ops.SetMemberRoles(ctx, by(c), id, roles)
		e, refused := ops.As(err)
		switch {
		case err == nil:
			person, err := h.store.Person(ctx, p.Tenant.ID, id)
			if err != nil {
				return err
			}
			notice := "members_roles_changed"
			if added {
				notice = "members_added"
			}
			return h.afterCreate(c, person.Account, notice)
		case refused && e.Fields["role_ids"] != "":
			errs["roles"] = e.Fields["role_ids"]
		case refused:
			alert = i18n.T(ctx, e.Key, e.Data)
		case errors.Is(err, store.ErrNotFound):
			errs["account"] = i18n.T(ctx, "members_choose_person")
		case errors.Is(err, store.ErrUnknownRole):
			errs["roles"] = i18n.T(ctx, "err_unknown_role")
		default:
			return err
		}
	}
	vm, err := h.memberAddVM(ctx, p, c.FormValue("q"), id, roles)
	if err != nil {
		return err
	}
	vm.Errors, vm.Alert = errs, alert
	return h.sidebar(c, http.StatusUnprocessableEntity, views.MemberAddSidebar(vm))
}

// memberAddVM searches the people of the tenants above this one that the
// actor belongs to or manages (one query), with the tenant's roles.
func (h *Handler) memberAddVM(ctx context.Context, p *principal, q string, chosen int64, roleIDs []int64) (views.MemberAdd, error) {
	q = strings.TrimSpace(q)
	if len(q) > 200 {
		q = q[:200]
	}
	vm := views.MemberAdd{Query: q, Chosen: chosen}
	if len([]rune(q)) >= 2 {
		found, err := h.store.Candidates(ctx, p.Tenant.ID, p.Account.TenantID, q, candidateLimit)
		if err != nil {
			return vm, err
		}
		vm.Searched = true
		for _, c := range found {
			vm.Candidates = append(vm.Candidates, views.MemberCandidate{ID: c.ID, Name: c.Name, Email: c.Email,
				Home: c.HomeName, Member: c.Member})
		}
	}
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return vm, err
	}
	vm.Roles = roleOptions(ctx, roles, roleIDs)
	return vm, nil
}
