package web

import (
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// projectForm is the create and settings form as posted.
type projectForm struct {
	namedForm
	Archived bool
}

func bindProjectForm(c echo.Context) projectForm {
	return projectForm{bindNamed(c, "pr_err_name_taken"), c.FormValue("archived") != ""}
}

func (f projectForm) vm(errs map[string]string) views.ProjectForm {
	return views.ProjectForm{Name: f.Name, Description: f.Description, Archived: f.Archived, Errors: errs}
}
