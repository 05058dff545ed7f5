package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// projectCreate creates a project and opens its Permissions tab; a refused
// form comes back with its messages.
func (h *Handler) projectCreate(c echo.Context) error {
	ctx := c.Request().Context()
	f := bindProjectForm(c)
	f.Archived = false
	errs := f.validate(ctx)
	if len(errs) == 0 {
		pr, err := h.store.CreateProject(ctx, h.actor(c), f.Name, f.Description)
		if err == nil {
			return redirect(c, views.ProjectURL(pr.ID, "?created=1"))
		}
		if err := f.saveError(ctx, err, errs); err != nil {
			return err
		}
	}
	form := f.vm(errs)
	form.Open = true
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.NewProjectForm(form))
	}
	vm, err := h.projectListVM(ctx, who(c), projectsQuery{})
	if err != nil {
		return err
	}
	vm.New = form
	return render(c, http.StatusUnprocessableEntity, views.ProjectsPage(vm))
}
