package form

import (
	"context"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// User is a person's fields as the create and edit forms (or the API) send them.
type User struct {
	Login      string
	FirstName  string
	LastName   string
	Email      string
	Language   string
	TimeZone   string
	Currency   string
	UserType   string
	AuthMethod string
	Status     string
	Password   string
	RoleIDs    []int64
	BadRole    bool
}

// Normalize trims what people paste around values and lower-cases the email.
func (f *User) Normalize() {
	f.Login, f.FirstName, f.LastName = strings.TrimSpace(f.Login), strings.TrimSpace(f.FirstName), strings.TrimSpace(f.LastName)
	f.Email = strings.ToLower(strings.TrimSpace(f.Email))
	f.TimeZone, f.Currency = strings.TrimSpace(f.TimeZone), strings.ToUpper(strings.TrimSpace(f.Currency))
}

var loginPattern = regexp.MustCompile(`^[\p{L}\p{N}._@+-]+$`)

// Validate fills per-field messages; creating also checks login, method, status and password.
func (f *User) Validate(ctx context.Context, creating bool) map[string]string {
	errs := map[string]string{}
	need := func(field, v string, max int) bool {
		Text(ctx, errs, field, v, true, max)
		return errs[field] == ""
	}
	if creating && need("login", f.Login, 64) && !loginPattern.MatchString(f.Login) {
		errs["login"] = views.T(ctx, "err_login_format")
	}
	need("first_name", f.FirstName, 100)
	need("last_name", f.LastName, 100)
	if need("email", f.Email, 254) && !ValidEmail(f.Email) {
		errs["email"] = views.T(ctx, "err_email")
	}
	choice := func(field, v string, allowed ...string) {
		if !slices.Contains(allowed, v) {
			errs[field] = views.T(ctx, "err_choice")
		}
	}
	choice("language", f.Language, "browser", "en", "fr")
	choice("user_type", f.UserType, "standard", "admin", "read_only")
	if f.TimeZone == "" {
		f.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(f.TimeZone); err != nil || f.TimeZone == "Local" || len(f.TimeZone) > 64 {
		errs["time_zone"] = views.T(ctx, "err_time_zone")
	}
	if f.Currency == "" {
		f.Currency = "USD"
	}
	if _, err := currency.ParseISO(f.Currency); err != nil || len(f.Currency) != 3 {
		errs["currency"] = views.T(ctx, "err_currency")
	}
	if f.BadRole {
		errs["roles"] = views.T(ctx, "err_unknown_role")
	}
	if !creating {
		return errs
	}
	choice("auth_method", f.AuthMethod, "password", "sso")
	choice("status", f.Status, "active", "deactivated")
	if f.AuthMethod == "password" {
		switch err := auth.CheckPassword(f.Password); err {
		case auth.ErrPasswordShort:
			errs["password"] = views.T(ctx, "err_password_short", map[string]any{"Min": auth.MinPassword, "Recommended": auth.RecommendedPassword})
		case auth.ErrPasswordLong:
			errs["password"] = views.T(ctx, "err_password_long", map[string]any{"Max": auth.MaxPassword})
		case auth.ErrPasswordCommon:
			errs["password"] = views.T(ctx, "err_password_common")
		}
	}
	return errs
}

// ValidEmail accepts a bare address with a dot in its domain.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " \t\r\n")
}
