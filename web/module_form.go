package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// moduleForm is the create and edit module form as posted (ops.CreateModule
// and UpdateModule check it); the key is only read when creating, since roles
// grant a module by its key.
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

func (f moduleForm) vm(errs map[string]string) views.ModuleForm {
	return views.ModuleForm{Key: f.Key, Name: f.Name, Description: f.Description, Errors: errs}
}
