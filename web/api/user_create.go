package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
)

// userInput is the body of POST /users; PATCH takes the profile part, each
// field optional.
type userInput struct {
	Login     string  `json:"login"`
	FirstName *string `json:"first_name"`
	LastName  *string `json:"last_name"`
	Email     *string `json:"email"`
	Language  *string `json:"language"`
	TimeZone  *string `json:"time_zone"`
	Currency  *string `json:"currency"`
	UserType  *string `json:"user_type"`
	Auth      string  `json:"auth"`
	Status    string  `json:"status"`
	Password  string  `json:"password"`
	RoleIDs   []int64 `json:"role_ids"`
}

// over sets the fields present in the body over f.
func (in userInput) over(f *form.User) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&f.FirstName, in.FirstName)
	set(&f.LastName, in.LastName)
	set(&f.Email, in.Email)
	set(&f.Language, in.Language)
	set(&f.TimeZone, in.TimeZone)
	set(&f.Currency, in.Currency)
	set(&f.UserType, in.UserType)
}

// userCreate creates a person with the console's rules: same validation, no
// admin made by a non-admin, no role beyond the caller's own access.
func (a *API) userCreate(c echo.Context) error {
	ctx, cl := c.Request().Context(), who(c)
	var in userInput
	if err := bind(c, &in); err != nil {
		return err
	}
	f := form.User{Login: in.Login, Language: "browser", UserType: "standard", AuthMethod: in.Auth, Status: in.Status,
		Password: in.Password, RoleIDs: in.RoleIDs}
	if f.AuthMethod == "" {
		f.AuthMethod = "password"
	}
	if f.Status == "" {
		f.Status = "active"
	}
	in.over(&f)
	f.Normalize()
	errs := f.Validate(ctx, true)
	if !auth.TypeChangeAllowed(cl.Account.UserType, "", f.UserType) {
		errs["user_type"] = views.T(ctx, "err_admin_only")
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	if err := a.checkGrant(c, f.RoleIDs, nil); err != nil {
		return err
	}
	hash := ""
	if f.AuthMethod == "password" {
		var err error
		if hash, err = a.hasher.Hash(ctx, f.Password); err != nil {
			return err
		}
	}
	acct, err := a.store.CreateAccount(ctx, actor(c), store.NewAccount{
		Profile: store.Profile{FirstName: f.FirstName, LastName: f.LastName, Email: f.Email, Language: f.Language,
			TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType},
		Login: f.Login, Status: f.Status, AuthMethod: f.AuthMethod, PasswordHash: hash, RoleIDs: f.RoleIDs})
	if err != nil {
		return err
	}
	u, err := a.user(ctx, tenant(c), acct.ID)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, u)
}

// checkGrant refuses roles (not already in current) that carry a permission
// the caller's account does not hold: a key never grants more than it has.
func (a *API) checkGrant(c echo.Context, ids, current []int64) error {
	cl := who(c)
	if cl.Account.UserType == "admin" || len(ids) == 0 {
		return nil
	}
	roles, err := a.store.Roles(c.Request().Context(), tenant(c))
	if err != nil {
		return err
	}
	if !auth.RolesGrantable(cl.Account.UserType, cl.Perms, roles, ids, current) {
		return &Problem{Status: http.StatusForbidden, Key: "api_err_grant",
			Fields: map[string]string{"role_ids": views.T(c.Request().Context(), "err_grant_beyond")}}
	}
	return nil
}
