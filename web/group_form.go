package web

import (
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// groupForm is the create and rename form as posted.
type groupForm struct{ namedForm }

func bindGroupForm(c echo.Context) groupForm {
	return groupForm{bindNamed(c, "group_err_name_taken")}
}

func (f groupForm) vm(errs map[string]string) views.GroupForm {
	return views.GroupForm{Name: f.Name, Description: f.Description, Errors: errs}
}
