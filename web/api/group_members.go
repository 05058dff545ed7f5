package api

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
)

// groupMemberAdd puts an account in a group. Joining gives the group's roles,
// so the caller must be able to give them.
func (a *API) groupMemberAdd(c echo.Context) error {
	g, acct, err := a.groupAndAccount(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// An optional body {"expires_at": RFC 3339 | null} sets when the
	// membership ends; it is checked before anything is written.
	var in struct {
		ExpiresAt json.RawMessage `json:"expires_at"`
	}
	raw := ""
	if c.Request().ContentLength != 0 {
		if err := bind(c, &in); err != nil {
			return err
		}
	}
	if in.ExpiresAt != nil {
		if raw, err = expiryText(ctx, in.ExpiresAt); err != nil {
			return err
		}
		if _, err := a.ops.Expiry(ctx, "expires_at", raw); err != nil {
			return err
		}
	}
	if _, err := a.ops.AddMembers(ctx, principal(c), g.ID, []int64{acct.ID}); err != nil {
		return err
	}
	if in.ExpiresAt != nil {
		if err := a.ops.SetMembershipExpiry(ctx, principal(c), g.ID, acct.ID, raw); err != nil {
			return err
		}
	}
	return c.NoContent(http.StatusNoContent)
}

// groupMemberRemove takes an account out of a group (409 if that leaves nobody able to manage users).
func (a *API) groupMemberRemove(c echo.Context) error {
	g, acct, err := a.groupAndAccount(c)
	if err != nil {
		return err
	}
	if _, err := a.ops.RemoveMembers(c.Request().Context(), principal(c), g.ID, []int64{acct.ID}); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (a *API) groupAndAccount(c echo.Context) (store.Group, store.Account, error) {
	g, err := a.pathGroup(c)
	if err != nil {
		return g, store.Account{}, err
	}
	id, err := pathID(c, "account_id")
	if err != nil {
		return g, store.Account{}, err
	}
	p, err := a.store.Person(c.Request().Context(), tenant(c), id) // a member may join the tenant's groups
	return g, p.Account, err
}

// groupRoleAdd gives a group a role, within the caller's own access.
func (a *API) groupRoleAdd(c echo.Context) error { return a.groupRole(c, true) }

// groupRoleRemove takes a role from a group.
func (a *API) groupRoleRemove(c echo.Context) error { return a.groupRole(c, false) }

func (a *API) groupRole(c echo.Context, add bool) error {
	ctx := c.Request().Context()
	g, err := a.pathGroup(c)
	if err != nil {
		return err
	}
	roleID, err := pathID(c, "role_id")
	if err != nil {
		return err
	}
	if _, err := a.store.Role(ctx, tenant(c), roleID); err != nil {
		return err
	}
	current, err := a.store.GroupRoleIDs(ctx, tenant(c), g.ID)
	if err != nil {
		return err
	}
	next := slices.DeleteFunc(slices.Clone(current), func(id int64) bool { return id == roleID })
	if add {
		next = append(next, roleID)
	}
	if err := a.ops.SetGroupRoles(ctx, principal(c), g.ID, next); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
