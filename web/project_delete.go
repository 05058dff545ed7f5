package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// projectDelete deletes a project. With people or teams on it, it first
// answers a confirmation that says how many; confirm=1 then deletes.
func (h *Handler) projectDelete(c echo.Context) error {
	ctx := c.Request().Context()
	pr, err := h.project(c)
	if err != nil {
		return err
	}
	if (pr.Users > 0 || pr.Teams > 0) && c.FormValue("confirm") != "1" {
		d := views.ProjectDelete{ProjectID: pr.ID, Name: pr.Name, Users: pr.Users, Teams: pr.Teams, Confirm: true}
		if isHTMX(c) {
			return render(c, http.StatusOK, views.ProjectDeleteCard(d))
		}
		vm, err := h.projectPageVM(c, pr, pageState{})
		if err != nil {
			return err
		}
		vm.Delete = d
		return render(c, http.StatusOK, views.ProjectPageView(vm))
	}
	err = h.ops.DeleteProject(ctx, by(c), pr.ID)
	if err != nil {
		return err
	}
	return redirect(c, "/projects?deleted=1")
}
