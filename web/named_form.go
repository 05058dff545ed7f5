package web

import (
	"context"
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// namedForm is a name and a description, as groups and projects post them.
type namedForm struct {
	Name        string
	Description string
	takenKey    string // the message when the name is taken
}

func bindNamed(c echo.Context, takenKey string) namedForm {
	// Browsers send a textarea's line breaks as CRLF but count them as one character.
	desc := strings.ReplaceAll(c.FormValue("description"), "\r\n", "\n")
	return namedForm{Name: strings.TrimSpace(c.FormValue("name")), Description: strings.TrimSpace(desc), takenKey: takenKey}
}

// validate fills per-field messages: a name of 1 to 100 characters, a description of at most 300.
func (f namedForm) validate(ctx context.Context) map[string]string {
	return form.NameDescription(ctx, f.Name, f.Description)
}

// saveError turns a name taken (in any case) into the name field's message;
// other errors pass through.
func (f namedForm) saveError(ctx context.Context, err error, errs map[string]string) error {
	var conflict *store.Conflict
	if errors.As(err, &conflict) {
		errs["name"] = i18n.T(ctx, f.takenKey)
		return nil
	}
	return err
}
