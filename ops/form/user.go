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
	"github.com/console-dev/console/i18n"
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
	GroupIDs   []int64 // groups joined at creation (an import's groups column)
	ExpiresAt  string  // when the new account ends ("YYYY-MM-DD" or RFC 3339; "": never)
	BadRole    bool
	Activation bool // the console mails an activation link when no password is given
	// Managed are the customers a service provider's new user manages, created with them.
	Managed []Managed
}

// Normalize trims what people paste around values and lower-cases the email.
func (f *User) Normalize() {
	f.Login, f.FirstName, f.LastName = strings.TrimSpace(f.Login), strings.TrimSpace(f.FirstName), strings.TrimSpace(f.LastName)
	f.Email = strings.ToLower(strings.TrimSpace(f.Email))
	f.TimeZone, f.Currency = strings.TrimSpace(f.TimeZone), strings.ToUpper(strings.TrimSpace(f.Currency))
}

var loginPattern = regexp.MustCompile(`^[\p{L}\p{N}._@+-]+$`)

// Validate fills per-field messages; creating also checks login, method,
// status and password. A password account may be created without a password
// only when Activation is set: it is then mailed a link to choose one.
func (f *User) Validate(ctx context.Context, creating bool) map[string]string {
	errs := map[string]string{}
	f.ValidatePersonal(ctx, errs)
	if creating {
		Text(ctx, errs, "login", f.Login, true, 64)
		if errs["login"] == "" && !loginPattern.MatchString(f.Login) {
			errs["login"] = i18n.T(ctx, "err_login_format")
		}
	}
	Text(ctx, errs, "email", f.Email, true, 254)
	if errs["email"] == "" && !ValidEmail(f.Email) {
		errs["email"] = i18n.T(ctx, "err_email")
	}
	Choice(ctx, errs, "user_type", f.UserType, "standard", "admin", "read_only")
	if f.BadRole {
		errs["roles"] = i18n.T(ctx, "err_unknown_role")
	}
	if !creating {
		return errs
	}
	Choice(ctx, errs, "auth_method", f.AuthMethod, "password", "sso")
	Choice(ctx, errs, "status", f.Status, "active", "deactivated")
	if f.AuthMethod == "password" && (f.Password != "" || !f.Activation) {
		Password(ctx, errs, "password", f.Password)
	}
	return errs
}

// ValidatePersonal checks the fields people also change about themselves on
// My account: names, language, time zone and currency.
func (f *User) ValidatePersonal(ctx context.Context, errs map[string]string) {
	Text(ctx, errs, "first_name", f.FirstName, true, 100)
	Text(ctx, errs, "last_name", f.LastName, true, 100)
	Choice(ctx, errs, "language", f.Language, "browser", "en", "fr")
	// No time zone is the tenant's: times show in the zone of the tenant
	// acted in. No currency is USD.
	if f.TimeZone != "" {
		Zone(ctx, errs, "time_zone", f.TimeZone)
	}
	if f.Currency == "" {
		f.Currency = "USD"
	}
	Currency(ctx, errs, "currency", f.Currency)
}

// ZoneCurrency checks the time_zone and currency fields, an empty one
// standing for UTC and USD.
func ZoneCurrency(ctx context.Context, errs map[string]string, tz, cur *string) {
	if *tz == "" {
		*tz = "UTC"
	}
	Zone(ctx, errs, "time_zone", *tz)
	if *cur == "" {
		*cur = "USD"
	}
	Currency(ctx, errs, "currency", *cur)
}

// Zone refuses what is not an IANA time zone name.
func Zone(ctx context.Context, errs map[string]string, field, v string) {
	if _, err := time.LoadLocation(v); err != nil || v == "" || v == "Local" || len(v) > 64 {
		errs[field] = i18n.T(ctx, "err_time_zone")
	}
}

// Currency refuses what is not an ISO 4217 currency code.
func Currency(ctx context.Context, errs map[string]string, field, v string) {
	if _, err := currency.ParseISO(v); err != nil || len(v) != 3 {
		errs[field] = i18n.T(ctx, "err_currency")
	}
}

// Choice refuses a value outside allowed (and an empty one).
func Choice(ctx context.Context, errs map[string]string, field, v string, allowed ...string) {
	if v == "" || !slices.Contains(allowed, v) {
		errs[field] = i18n.T(ctx, "err_choice")
	}
}

// PasswordError is the policy's refusal of pw as a message, or "" when it passes.
func PasswordError(ctx context.Context, pw string) string {
	switch auth.CheckPassword(pw) {
	case auth.ErrPasswordShort:
		return i18n.T(ctx, "err_password_short", map[string]any{"Min": auth.MinPassword, "Recommended": auth.RecommendedPassword})
	case auth.ErrPasswordLong:
		return i18n.T(ctx, "err_password_long", map[string]any{"Max": auth.MaxPassword})
	case auth.ErrPasswordCommon:
		return i18n.T(ctx, "err_password_common")
	}
	return ""
}

// Password puts the password policy's refusal, if any, into errs[field].
func Password(ctx context.Context, errs map[string]string, field, pw string) {
	if msg := PasswordError(ctx, pw); msg != "" {
		errs[field] = msg
	}
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
