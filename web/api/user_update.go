package api

import (
	"encoding/json"
	"net/http"

	"github.com/console-dev/console/i18n"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops/form"
)

// userUpdate changes the profile fields present in the body; login, sign-in
// method and status have endpoints (or rules) of their own and are refused here.
func (a *API) userUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in userInput
	if err := bind(c, &in); err != nil {
		return err
	}
	if err := readOnly(ctx, map[string]bool{"login": in.Login != "", "auth": in.Auth != "", "status": in.Status != "",
		"password": in.Password != "", "role_ids": in.RoleIDs != nil, "managed_customers": in.Managed != nil}); err != nil {
		return err
	}
	acct, err := a.store.Account(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	f := form.User{FirstName: acct.FirstName, LastName: acct.LastName, Email: acct.Email, Language: acct.Language,
		TimeZone: acct.TimeZone, Currency: acct.Currency, UserType: acct.UserType}
	in.over(&f)
	if _, err := a.ops.UpdateUser(ctx, principal(c), id, f); err != nil {
		return err
	}
	if in.ExpiresAt != nil {
		raw, err := expiryText(ctx, in.ExpiresAt)
		if err != nil {
			return err
		}
		if err := a.ops.SetAccountExpiry(ctx, principal(c), id, raw); err != nil {
			return err
		}
	}
	u, err := a.user(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, u)
}

// userRoles replaces the account's direct roles (roles through groups stay).
// Replacing can take roles away, so an account holding more than the caller
// is out of reach.
func (a *API) userRoles(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		RoleIDs []int64 `json:"role_ids"`
		// ExpiresAt: role id → RFC 3339 or null, for roles of role_ids.
		ExpiresAt map[string]json.RawMessage `json:"expires_at"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	if in.RoleIDs == nil {
		return fieldError("role_ids", i18n.T(ctx, "err_required"))
	}
	ends, err := a.roleEnds(ctx, in.RoleIDs, in.ExpiresAt)
	if err != nil {
		return err
	}
	if err := a.ops.SetRoles(ctx, principal(c), id, in.RoleIDs); err != nil {
		return err
	}
	for roleID, raw := range ends {
		if err := a.ops.SetRoleExpiry(ctx, principal(c), id, roleID, raw); err != nil {
			return err
		}
	}
	u, err := a.user(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, u)
}
