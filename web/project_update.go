package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// projectUpdate renames, describes, archives or restores a project.
func (h *Handler) projectUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	pr, err := h.project(c)
	if err != nil {
		return err
	}
	f := bindProjectForm(c)
	errs := f.validate(ctx)
	if len(errs) == 0 {
		_, err := h.ops.UpdateProject(ctx, by(c), pr.ID, f.Name, f.Description, f.Archived)
		if err == nil {
			if !isHTMX(c) {
				return redirect(c, views.ProjectURL(pr.ID, "?saved=1"))
			}
			form := f.vm(nil)
			form.Saved = true
			// The heading names the project: a rename reloads the tab.
			if f.Name != pr.Name || f.Archived != pr.Archived {
				return redirect(c, views.ProjectURL(pr.ID, "?saved=1"))
			}
			return render(c, http.StatusOK, views.ProjectSettings(pr.ID, form))
		}
		if errs, err = projectSaveError(ctx, f, err, errs); err != nil {
			return err
		}
	}
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.ProjectSettings(pr.ID, f.vm(errs)))
	}
	vm, err := h.projectPageVM(c, pr, pageState{})
	if err != nil {
		return err
	}
	vm.Form = f.vm(errs)
	return render(c, http.StatusUnprocessableEntity, views.ProjectPageView(vm))
}
