package web

import (
	"context"
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// projectForm is the create and settings form as posted.
type projectForm struct {
	Name        string
	Description string
	Archived    bool
}

func bindProjectForm(c echo.Context) projectForm {
	desc := strings.ReplaceAll(c.FormValue("description"), "\r\n", "\n")
	return projectForm{Name: strings.TrimSpace(c.FormValue("name")), Description: strings.TrimSpace(desc),
		Archived: c.FormValue("archived") != ""}
}

// validate fills per-field messages: a name of 1 to 100 characters, a description of at most 300.
func (f projectForm) validate(ctx context.Context) map[string]string {
	errs := map[string]string{}
	checkText(ctx, errs, "name", f.Name, true, 100)
	checkParagraph(ctx, errs, "description", f.Description, 300)
	return errs
}

// saveError turns a name taken (in any case) into the name field's message.
func (f projectForm) saveError(ctx context.Context, err error, errs map[string]string) error {
	var conflict *store.Conflict
	if errors.As(err, &conflict) {
		errs["name"] = views.T(ctx, "pr_err_name_taken")
		return nil
	}
	return err
}

func (f projectForm) vm(errs map[string]string) views.ProjectForm {
	return views.ProjectForm{Name: f.Name, Description: f.Description, Archived: f.Archived, Errors: errs}
}
