package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/views"
)

// groupCreate creates a group from the panel's small form. htmx gets the
// form back, empty for the next one, with the groups list showing the new
// group selected; a plain form goes to the new group's page.
func (h *Handler) groupCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	f := bindGroupForm(c)
	errs := f.validate(ctx)
	if len(errs) == 0 {
		g, err := h.ops.CreateGroup(ctx, by(c), f.Name, f.Description)
		if err == nil {
			if !isHTMX(c) {
				return redirect(c, groupPath(g.ID)+"?created=1")
			}
			q := currentGroupsQuery(c)
			q.Group = g.ID
			list, err := h.groupListVM(ctx, p, &q)
			if err != nil {
				return err
			}
			if !listShows(list, g.ID) {
				// Start the list at the new group, so it shows selected.
				q.GQ, q.GAfter = "", encodeKey(g.Name, g.ID-1)
				if list, err = h.groupListVM(ctx, p, &q); err != nil {
					return err
				}
			}
			status := views.Status{Text: i18n.T(ctx, "group_notice_created", map[string]any{"Name": g.Name})}
			oob := views.GroupsPanelOOB(list)
			return render(c, http.StatusOK, views.NewGroupForm(views.GroupForm{Open: true}), oob, views.StatusOOB(status))
		}
		if err := f.saveError(ctx, err, errs); err != nil {
			return err
		}
	}
	form := f.vm(errs)
	form.Open = true
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.NewGroupForm(form))
	}
	vm, err := h.groupsVM(ctx, p, backQuery(c.Request().Referer()))
	if err != nil {
		return err
	}
	vm.New = form
	return render(c, http.StatusUnprocessableEntity, views.GroupsPage(vm))
}

func listShows(l views.GroupList, id int64) bool {
	for _, r := range l.Rows {
		if r.ID == id {
			return true
		}
	}
	return false
}
