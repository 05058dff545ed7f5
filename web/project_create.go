package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops"
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
		pr, err := h.ops.CreateProject(ctx, by(c), f.Name, f.Description)
		if err == nil {
			return redirect(c, views.ProjectURL(pr.ID, "?created=1"))
		}
		if errs, err = projectSaveError(ctx, f, err, errs); err != nil {
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

// projectSaveError turns a refused save into the form's messages: the
// fields an operation refused, or the name taken; other errors pass through.
func projectSaveError(ctx context.Context, f projectForm, err error, errs map[string]string) (map[string]string, error) {
	if e, ok := ops.As(err); ok && len(e.Fields) > 0 {
		return e.Fields, nil
	}
	return errs, f.saveError(ctx, err, errs)
}
