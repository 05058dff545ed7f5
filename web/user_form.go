package web

import (
	"context"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userForm is the create and edit form as posted.
type userForm struct {
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

func bindUserForm(c echo.Context) userForm {
	f := userForm{
		Login:      strings.TrimSpace(c.FormValue("login")),
		FirstName:  strings.TrimSpace(c.FormValue("first_name")),
		LastName:   strings.TrimSpace(c.FormValue("last_name")),
		Email:      strings.ToLower(strings.TrimSpace(c.FormValue("email"))),
		Language:   c.FormValue("language"),
		TimeZone:   strings.TrimSpace(c.FormValue("time_zone")),
		Currency:   strings.ToUpper(strings.TrimSpace(c.FormValue("currency"))),
		UserType:   c.FormValue("user_type"),
		AuthMethod: c.FormValue("auth_method"),
		Status:     c.FormValue("status"),
		Password:   c.FormValue("password"),
	}
	f.RoleIDs, f.BadRole = postedIDs(c, "role")
	return f
}

var loginPattern = regexp.MustCompile(`^[\p{L}\p{N}._@+-]+$`)

// validate fills per-field messages; creating also checks login, method, status and password.
func (f *userForm) validate(ctx context.Context, creating bool) map[string]string {
	errs := map[string]string{}
	f.validatePersonal(ctx, errs)
	if creating {
		checkText(ctx, errs, "login", f.Login, true, 64)
		if errs["login"] == "" && !loginPattern.MatchString(f.Login) {
			errs["login"] = views.T(ctx, "err_login_format")
		}
	}
	checkText(ctx, errs, "email", f.Email, true, 254)
	if errs["email"] == "" && !validEmail(f.Email) {
		errs["email"] = views.T(ctx, "err_email")
	}
	choice(ctx, errs, "user_type", f.UserType, "standard", "admin", "read_only")
	if f.BadRole {
		errs["roles"] = views.T(ctx, "err_unknown_role")
	}
	if !creating {
		return errs
	}
	choice(ctx, errs, "auth_method", f.AuthMethod, "password", "sso")
	choice(ctx, errs, "status", f.Status, "active", "deactivated")
	// A password user created without a password is sent an activation link.
	if f.AuthMethod == "password" && f.Password != "" {
		checkPassword(ctx, errs, "password", f.Password)
	}
	return errs
}

// validatePersonal checks the fields people also change about themselves on
// My account: names, language, time zone and currency.
func (f *userForm) validatePersonal(ctx context.Context, errs map[string]string) {
	checkText(ctx, errs, "first_name", f.FirstName, true, 100)
	checkText(ctx, errs, "last_name", f.LastName, true, 100)
	choice(ctx, errs, "language", f.Language, "browser", "en", "fr")
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
}

// choice refuses a value outside allowed (and an empty one).
func choice(ctx context.Context, errs map[string]string, field, v string, allowed ...string) {
	if oneOf(v, allowed...) != v || v == "" {
		errs[field] = views.T(ctx, "err_choice")
	}
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " \t\r\n")
}

// conflictMessage names the field a duplicate collided on.
func conflictMessage(ctx context.Context, c *store.Conflict) (string, string) {
	if c.Field == "login" {
		return "login", views.T(ctx, "err_login_taken")
	}
	return "email", views.T(ctx, "err_email_taken")
}

// formVM turns a posted form back into the view model, to re-render it with its errors.
func formVM(ctx context.Context, f userForm, roles []store.Role, errs map[string]string) views.UserForm {
	vm := views.UserForm{Login: f.Login, FirstName: f.FirstName, LastName: f.LastName, Email: f.Email,
		Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType,
		AuthMethod: f.AuthMethod, Status: f.Status, Errors: errs}
	vm.Roles = roleOptions(ctx, roles, f.RoleIDs)
	return vm
}

func roleOptions(ctx context.Context, roles []store.Role, held []int64) []views.Option {
	out := make([]views.Option, 0, len(roles))
	for _, r := range roles {
		checked := false
		for _, id := range held {
			checked = checked || id == r.ID
		}
		out = append(out, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: roleLabel(ctx, r.BuiltinKey, r.Name), Checked: checked})
	}
	return out
}
