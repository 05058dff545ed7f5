package scim

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/scim/filter"
	"github.com/console-dev/console/web/scim/patch"
)

// ErrorURN is the schema of a SCIM error body (RFC 7644 §3.12).
const ErrorURN = "urn:ietf:params:scim:api:messages:2.0:Error"

// Error is a SCIM error answer.
type Error struct {
	Status   int
	ScimType string // "" when RFC 7644 names none for the case
	Detail   string
}

func (e *Error) Error() string { return fmt.Sprintf("scim: %d %s: %s", e.Status, e.ScimType, e.Detail) }

func badRequest(scimType, detail string) *Error {
	return &Error{Status: http.StatusBadRequest, ScimType: scimType, Detail: detail}
}

var errNotFound = &Error{Status: http.StatusNotFound, Detail: "No such resource in this tenant."}

// fieldAttrs names, in SCIM's words, the fields ops refuses.
var fieldAttrs = map[string]string{
	"login": "userName", "first_name": "name.givenName", "last_name": "name.familyName", "email": "emails",
	"time_zone": "timezone", "external_id": "externalId", "name": "displayName", "members": "members",
	"language": "preferredLanguage",
}

// asError turns what a handler returned into the SCIM error to answer;
// anything not known is a 500 that tells nothing of its cause.
func asError(c echo.Context, err error) *Error {
	ctx := c.Request().Context()
	var (
		se *Error
		fe *filter.Error
		pe *patch.Error
		he *echo.HTTPError
		cf *store.Conflict
		iu *store.InUse
	)
	if e, ok := ops.As(err); ok {
		return opsError(c, e)
	}
	switch {
	case errors.As(err, &se):
		return se
	case errors.As(err, &fe):
		return badRequest("invalidFilter", fe.Detail)
	case errors.As(err, &pe):
		return &Error{Status: pe.Status, ScimType: pe.ScimType, Detail: pe.Detail}
	case errors.As(err, &cf):
		attr := fieldAttrs[cf.Field]
		if attr == "" {
			attr = cf.Field
		}
		return &Error{Status: http.StatusConflict, ScimType: "uniqueness", Detail: "The " + attr + " is already taken."}
	case errors.Is(err, store.ErrLastManager):
		return &Error{Status: http.StatusConflict, Detail: "This is the last person able to manage the tenant's users: " +
			"it cannot be deactivated or deleted, nor lose that ability, until someone else has it."}
	case errors.Is(err, store.ErrUnknownAccount):
		return badRequest("invalidValue", "unknown member: a member value is not the id of a user of this tenant.")
	case errors.As(err, &iu):
		detail := "The group is still in use"
		if len(iu.Projects) > 0 {
			detail += " as a team of the projects " + strings.Join(iu.Projects, ", ")
		}
		return &Error{Status: http.StatusConflict, Detail: detail + "; remove it there in the console first."}
	case errors.Is(err, store.ErrNotFound):
		return errNotFound
	case errors.Is(err, store.ErrStale):
		return &Error{Status: http.StatusConflict, Detail: "The group kept changing while this PATCH was applied to it; send it again."}
	case errors.Is(err, store.ErrManaged), errors.Is(err, store.ErrExternal):
		return &Error{Status: http.StatusConflict, Detail: err.Error()}
	case errors.As(err, &he):
		return httpError(he)
	}
	_ = ctx
	return &Error{Status: http.StatusInternalServerError, Detail: "The request failed on the server; it was logged."}
}

// opsError maps an operation's refusal.
func opsError(c echo.Context, e *ops.Error) *Error {
	ctx := c.Request().Context()
	switch {
	case e.Key == "scim_err_login_immutable":
		return badRequest("mutability", "userName is immutable: "+i18n.T(ctx, e.Key))
	case e.Key == "scim_err_off":
		return errOff
	case e.Kind == ops.Invalid && len(e.Fields) > 0:
		var parts []string
		for f, msg := range e.Fields {
			attr := fieldAttrs[f]
			if attr == "" {
				attr = f
			}
			parts = append(parts, attr+": "+msg)
		}
		slices.Sort(parts)
		return badRequest("invalidValue", strings.Join(parts, "; "))
	}
	detail := i18n.T(ctx, e.Key, e.Data)
	switch e.Kind {
	case ops.Invalid:
		return badRequest("invalidValue", detail)
	case ops.Forbidden:
		return &Error{Status: http.StatusForbidden, Detail: detail}
	case ops.NotFound:
		return errNotFound
	case ops.Conflict:
		return &Error{Status: http.StatusConflict, Detail: detail}
	}
	return &Error{Status: http.StatusBadRequest, Detail: detail}
}

// httpError maps echo's own refusals (no route, wrong method, body too large).
func httpError(he *echo.HTTPError) *Error {
	switch he.Code {
	case http.StatusNotFound:
		return &Error{Status: he.Code, Detail: "No such SCIM endpoint; the base URL is /scim/v2 (Users, Groups, ServiceProviderConfig, ResourceTypes, Schemas)."}
	case http.StatusMethodNotAllowed:
		return &Error{Status: he.Code, Detail: "This endpoint does not take that method."}
	case http.StatusRequestEntityTooLarge:
		return &Error{Status: he.Code, Detail: "The request body is too large (at most 1 MB)."}
	case http.StatusUnsupportedMediaType:
		return &Error{Status: he.Code, Detail: "Send application/scim+json or application/json."}
	}
	if he.Code >= 400 && he.Code < 500 {
		return &Error{Status: he.Code, Detail: http.StatusText(he.Code)}
	}
	return &Error{Status: http.StatusInternalServerError, Detail: "The request failed on the server; it was logged."}
}

// HandleError answers err as a SCIM error body; the console's error handler
// calls it for every path under Base. 5xx are logged with their cause.
func (s *Server) HandleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	e := asError(c, err)
	ctx := c.Request().Context()
	if e.Status >= 500 {
		s.log.ErrorContext(ctx, "scim request failed", "err", err, "path", c.Request().URL.Path,
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
	} else {
		s.log.WarnContext(ctx, "scim request refused", "err", err, "status", e.Status, "path", c.Request().URL.Path)
	}
	body := map[string]any{"schemas": []string{ErrorURN}, "status": strconv.Itoa(e.Status), "detail": e.Detail}
	if e.ScimType != "" {
		body["scimType"] = e.ScimType
	}
	if e.Status == http.StatusUnauthorized {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="SCIM"`)
	}
	_ = writeJSON(c, e.Status, body)
}
