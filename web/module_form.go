package web

import (
	"context"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
)

// moduleForm is the create and edit module form as posted; the key is only
// read when creating, since roles grant a module by its key.
type moduleForm struct {
	Key         string
	Name        string
	Description string
}

func bindModuleForm(c echo.Context) moduleForm {
	return moduleForm{
		Key:         strings.TrimSpace(c.FormValue("key")),
		Name:        strings.TrimSpace(c.FormValue("name")),
		Description: strings.TrimSpace(c.FormValue("description")),
	}
}

// moduleKeyPattern: 1–40 characters of a-z, 0-9, - and _, starting with a letter.
var moduleKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,39}$`)

func (f *moduleForm) validate(ctx context.Context, creating bool) map[string]string {
	errs := map[string]string{}
	if creating {
		if f.Key == "" {
			errs["key"] = views.T(ctx, "err_required")
		} else if !moduleKeyPattern.MatchString(f.Key) {
			errs["key"] = views.T(ctx, "err_module_key_format")
		}
	}
	form.Text(ctx, errs, "name", f.Name, true, 100)
	form.Paragraph(ctx, errs, "description", f.Description, 300)
	return errs
}

func (f moduleForm) vm(errs map[string]string) views.ModuleForm {
	return views.ModuleForm{Key: f.Key, Name: f.Name, Description: f.Description, Errors: errs}
}
