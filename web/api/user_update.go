package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
)

// userUpdate changes the profile fields present in the body; login, sign-in
// method and status have endpoints (or rules) of their own and are refused here.
func (a *API) userUpdate(c echo.Context) error {
	ctx, cl := c.Request().Context(), who(c)
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in userInput
	if err := bind(c, &in); err != nil {
		return err
	}
	errs := map[string]string{}
	for field, set := range map[string]bool{"login": in.Login != "", "auth": in.Auth != "", "status": in.Status != "",
		"password": in.Password != "", "role_ids": in.RoleIDs != nil} {
		if set {
			errs[field] = views.T(ctx, "api_err_read_only")
		}
	}
	acct, err := a.store.Account(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	if err := a.mayActFor(ctx, cl, acct); err != nil {
		return err
	}
	f := form.User{FirstName: acct.FirstName, LastName: acct.LastName, Email: acct.Email, Language: acct.Language,
		TimeZone: acct.TimeZone, Currency: acct.Currency, UserType: acct.UserType}
	in.over(&f)
	f.Normalize()
	for k, v := range f.Validate(ctx, false) {
		errs[k] = v
	}
	if acct.Kind == "service" && f.UserType != acct.UserType {
		errs["user_type"] = views.T(ctx, "api_err_service_type")
	}
	if !auth.TypeChangeAllowed(cl.Account.UserType, acct.UserType, f.UserType) && acct.UserType != f.UserType {
		errs["user_type"] = views.T(ctx, "err_admin_only")
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	if _, err := a.store.UpdateProfile(ctx, actor(c), id, store.Profile{FirstName: f.FirstName, LastName: f.LastName,
		Email: f.Email, Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType}); err != nil {
		return err
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
	ctx, cl := c.Request().Context(), who(c)
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		RoleIDs []int64 `json:"role_ids"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	if in.RoleIDs == nil {
		return fieldError("role_ids", views.T(ctx, "err_required"))
	}
	target, err := a.store.Account(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	if err := a.mayActFor(ctx, cl, target); err != nil {
		return err
	}
	held, err := a.store.AccountRoles(ctx, tenant(c), []int64{id})
	if err != nil {
		return err
	}
	var current []int64
	for _, r := range held[id] {
		current = append(current, r.ID)
	}
	if err := a.checkGrant(c, in.RoleIDs, current); err != nil {
		return err
	}
	if err := a.store.SetRoles(ctx, actor(c), id, in.RoleIDs); err != nil {
		return err
	}
	u, err := a.user(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, u)
}
