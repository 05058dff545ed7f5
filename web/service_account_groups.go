package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// serviceGroupAdd puts the service account in the chosen group, through the
// group's add-members operation (groups.manage, tenant scope, and the roles
// joining gives within the actor's own, all judged in its transaction).
func (h *Handler) serviceGroupAdd(c echo.Context) error {
	id, err := strconv.ParseInt(c.FormValue("group_id"), 10, 64)
	if err != nil || id <= 0 {
		id = 0
	}
	return h.serviceGroupChange(c, id, true)
}

// serviceGroupRemove takes the service account out of the :group_id group.
func (h *Handler) serviceGroupRemove(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("group_id"), 10, 64)
	if err != nil || id <= 0 {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return h.serviceGroupChange(c, id, false)
}

// serviceGroupChange runs the add or remove and answers: after htmx the
// groups and, out of band, the roles held (a group gives roles); a refusal
// shows why with the groups as they are.
func (h *Handler) serviceGroupChange(c echo.Context, groupID int64, add bool) error {
	ctx := c.Request().Context()
	a, err := h.service(c)
	if err != nil {
		return err
	}
	var alert, done string
	if groupID == 0 {
		alert = i18n.T(ctx, "err_unknown_group")
	} else {
		var g store.Group
		if add {
			g, err = h.ops.AddMembers(ctx, by(c), groupID, []int64{a.ID})
		} else {
			g, err = h.ops.RemoveMembers(ctx, by(c), groupID, []int64{a.ID})
		}
		e, refused := ops.As(err)
		switch {
		case err == nil:
			done = i18n.T(ctx, map[bool]string{true: "i16sa_added", false: "i16sa_removed"}[add], map[string]any{"Group": g.Name})
		case refused:
			alert = i18n.T(ctx, e.Key, e.Data)
		case errors.Is(err, store.ErrNotFound):
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		case errors.Is(err, store.ErrUnknownAccount):
			alert = i18n.T(ctx, "ug_err_unknown_account")
		case errors.Is(err, store.ErrLastManager):
			alert = i18n.T(ctx, "err_last_manager")
		default:
			return err
		}
	}
	if alert == "" && !isHTMX(c) {
		return redirect(c, "/service-accounts/"+strconv.FormatInt(a.ID, 10)+"?done=groups")
	}
	vm, err := h.serviceVM(c, a)
	if err != nil {
		return err
	}
	if alert == "" {
		vm.GroupsSaved = done
		return render(c, http.StatusOK, views.ServiceGroupsChanged(vm))
	}
	vm.GroupsAlert = alert
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.ServiceGroups(vm))
	}
	return render(c, http.StatusUnprocessableEntity, views.ServiceAccountPage(vm))
}
