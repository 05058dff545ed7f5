package api

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops/form"
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
	// Managed: the customers a service provider's user manages (POST only).
	Managed []form.Managed `json:"managed_customers"`
	// ExpiresAt: RFC 3339, or null for never; absent keeps it (PATCH) or
	// is never (POST).
	ExpiresAt json.RawMessage `json:"expires_at"`
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

// userCreate creates a person as the console does (ops.CreateUser): same
// validation, roles only within the caller's access, and a password account
// given no password is created pending and mailed an activation link.
func (a *API) userCreate(c echo.Context) error {
	ctx := c.Request().Context()
	var in userInput
	err := bind(c, &in)
	if err != nil {
		return err
	}
	f := form.User{Login: in.Login, Language: "browser", UserType: "standard", AuthMethod: in.Auth, Status: in.Status,
		Password: in.Password, RoleIDs: in.RoleIDs, Managed: in.Managed}
	if f.AuthMethod == "" {
		f.AuthMethod = "password"
	}
	if f.Status == "" {
		f.Status = "active"
	}
	in.over(&f)
	if len(in.ExpiresAt) > 0 {
		if f.ExpiresAt, err = expiryText(ctx, in.ExpiresAt); err != nil {
			return err
		}
	}
	acct, err := a.ops.CreateUser(ctx, principal(c), f)
	if err != nil {
		return err
	}
	u, err := a.user(ctx, tenant(c), acct.ID)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, u)
}
