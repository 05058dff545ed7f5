package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
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

// roleForm merges the body over r and validates it as the console's role form.
func (a *API) roleForm(c echo.Context, in roleInput, r store.Role) (form.Role, error) {
	ctx := c.Request().Context()
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
	modules, err := a.store.Modules(ctx, tenant(c))
	if err != nil {
		return f, err
	}
	errs := f.Validate(ctx, modules)
	if msg := errs["modules"]; msg != "" {
		delete(errs, "modules")
		errs["permissions"] = msg
	}
	if len(errs) > 0 {
		return f, invalid(errs)
	}
	var added []string
	for _, p := range f.Spec().Permissions {
		if !slices.Contains(r.Permissions, p) {
			added = append(added, p)
		}
	}
	cl := who(c)
	if !auth.Grantable(cl.Account.UserType, cl.Perms, added) {
		return f, &Problem{Status: http.StatusForbidden, Key: "api_err_grant",
			Fields: map[string]string{"permissions": views.T(ctx, "err_grant_beyond")}}
	}
	return f, nil
}

// roleCreate creates a custom role, with no permission beyond the caller's own.
func (a *API) roleCreate(c echo.Context) error {
	var in roleInput
	if err := bind(c, &in); err != nil {
		return err
	}
	f, err := a.roleForm(c, in, store.Role{})
	if err != nil {
		return err
	}
	id, err := a.store.CreateRole(c.Request().Context(), actor(c), f.Spec())
	if err != nil {
		return err
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
	if r.BuiltinKey != "" {
		return store.ErrBuiltinRole
	}
	f, err := a.roleForm(c, in, r)
	if err != nil {
		return err
	}
	if err := a.store.UpdateRole(c.Request().Context(), actor(c), r.ID, f.Spec()); err != nil {
		return err
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
	if err := a.store.DeleteRole(c.Request().Context(), actor(c), r.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
