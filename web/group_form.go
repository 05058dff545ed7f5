package web

import (
	"context"
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupForm is the create and rename form as posted.
type groupForm struct {
	Name        string
	Description string
}

func bindGroupForm(c echo.Context) groupForm {
	// Browsers send a textarea's line breaks as CRLF but count them as one character.
	desc := strings.ReplaceAll(c.FormValue("description"), "\r\n", "\n")
	return groupForm{Name: strings.TrimSpace(c.FormValue("name")), Description: strings.TrimSpace(desc)}
}

// validate fills per-field messages: a name of 1 to 100 characters, a description of at most 300.
func (f groupForm) validate(ctx context.Context) map[string]string {
	errs := map[string]string{}
	checkText(ctx, errs, "name", f.Name, true, 100)
	checkParagraph(ctx, errs, "description", f.Description, 300)
	return errs
}

// saveError turns a store refusal into the field it concerns; other errors pass through.
func (f groupForm) saveError(ctx context.Context, err error, errs map[string]string) error {
	var conflict *store.Conflict
	if errors.As(err, &conflict) {
		errs["name"] = views.T(ctx, "group_err_name_taken")
		return nil
	}
	return err
}

func (f groupForm) vm(errs map[string]string) views.GroupForm {
	return views.GroupForm{Name: f.Name, Description: f.Description, Errors: errs}
}
