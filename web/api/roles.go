package api

import (
	"maps"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

type roleJSON struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Builtin     bool     `json:"builtin"`
	Permissions []string `json:"permissions"`
}

func toRole(r store.Role) roleJSON {
	perms := r.Permissions
	if perms == nil {
		perms = []string{}
	}
	return roleJSON{ID: r.ID, Name: r.Name, Description: r.Description, Builtin: r.BuiltinKey != "", Permissions: perms}
}

// roleList lists every role of the tenant, built-ins first (a tenant has tens, not thousands).
func (a *API) roleList(c echo.Context) error {
	roles, err := a.store.Roles(c.Request().Context(), tenant(c))
	if err != nil {
		return err
	}
	items := make([]roleJSON, len(roles))
	for i, r := range roles {
		items[i] = toRole(r)
	}
	return reply(c, http.StatusOK, newPage(items, ""))
}

func (a *API) roleGet(c echo.Context) error {
	r, err := a.pathRole(c)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, toRole(r))
}

func (a *API) pathRole(c echo.Context) (store.Role, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return store.Role{}, err
	}
	return a.store.Role(c.Request().Context(), tenant(c), id)
}

// roleInput is a role as posted: permissions hold catalog keys and module:<key> grants.
type roleInput struct {
	Name        *string   `json:"name"`
	Description *string   `json:"description"`
	Permissions *[]string `json:"permissions"`
}

// roleForm merges the body over r as the console's role form.
func roleForm(in roleInput, r store.Role) form.Role {
	f := form.Role{Name: r.Name, Description: r.Description}
	perms := r.Permissions
	if in.Name != nil {
		f.Name = *in.Name
	}
	if in.Description != nil {
		f.Description = *in.Description
	}
	if in.Permissions != nil {
		perms = *in.Permissions
	}
	f.Name, f.Description = strings.TrimSpace(f.Name), strings.TrimSpace(f.Description)
	for _, p := range perms {
		if key, ok := auth.IsModule(auth.Permission(p)); ok {
			f.Modules = append(f.Modules, key)
		} else {
			f.Perms = append(f.Perms, p)
		}
	}
	return f
}

// roleRefusal names the API's one permissions field where an operation
// refused the console's modules field.
func roleRefusal(err error) error {
	e, ok := ops.As(err)
	if !ok || e.Fields["modules"] == "" {
		return err
	}
	fields := maps.Clone(e.Fields)
	if fields["permissions"] == "" {
		fields["permissions"] = fields["modules"]
	}
	delete(fields, "modules")
	return &ops.Error{Kind: e.Kind, Key: e.Key, Fields: fields}
}

// roleCreate creates a custom role, with no permission beyond the caller's own.
func (a *API) roleCreate(c echo.Context) error {
	var in roleInput
	if err := bind(c, &in); err != nil {
		return err
	}
	id, err := a.ops.CreateRole(c.Request().Context(), principal(c), roleForm(in, store.Role{}))
	if err != nil {
		return roleRefusal(err)
	}
	r, err := a.store.Role(c.Request().Context(), tenant(c), id)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, toRole(r))
}

// roleUpdate changes a custom role; a built-in role is fixed (409).
func (a *API) roleUpdate(c echo.Context) error {
	var in roleInput
	if err := bind(c, &in); err != nil {
		return err
	}
	r, err := a.pathRole(c)
	if err != nil {
		return err
	}
	if err := a.ops.UpdateRole(c.Request().Context(), principal(c), r.ID, roleForm(in, r)); err != nil {
		return roleRefusal(err)
	}
	if r, err = a.store.Role(c.Request().Context(), tenant(c), r.ID); err != nil {
		return err
	}
	return reply(c, http.StatusOK, toRole(r))
}

// roleDelete deletes a custom role: holders lose it, never their account.
func (a *API) roleDelete(c echo.Context) error {
	r, err := a.pathRole(c)
	if err != nil {
		return err
	}
	if err := a.ops.DeleteRole(c.Request().Context(), principal(c), r.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
