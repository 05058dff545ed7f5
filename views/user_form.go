package views

import (
	"strconv"
	"time"
)

// UserForm is the create and edit form's view model; Errors are keyed by field name.
type UserForm struct {
	ID    int64 // 0 when creating
	Login string
	// Password is the initial password typed, kept when the form comes
	// back with errors (it is never read from the store).
	Password   string
	AuthMethod string
	// SSO is the tenant's single sign-on connection as the create form
	// tells it: "enabled", "disabled" or "" (none).
	SSO        string
	Status     string
	FirstName  string
	LastName   string
	Email      string
	Language   string
	TimeZone   string
	Currency   string
	UserType   string
	Roles      []Option
	Errors     map[string]string
	Notice     string // "saved", "created"... shown as a status message
	Alert      string // a form-level refusal
	Self       bool
	RolesAlert string
	RolesSaved bool // the switches just saved
	Access     Access
	Projects   []UserProject
	// ContactEmail is an optional second address for notifications, used
	// only once ContactVerified.
	ContactEmail    string
	ContactVerified bool
	// ExpiresAt is the account's expiry as the date field holds it
	// ("YYYY-MM-DD", "" never); ExpiresAtTime and Expired mark it.
	ExpiresAt     string
	ExpiresAtTime time.Time
	Expired       bool
	Invited       bool // pending on an invitation, rather than an activation
	// Home names the home tenant of a member (pushed down from an ancestor):
	// their identity is read-only here, managed there; "" for home people.
	Home   string
	MayAct bool // the viewer holds this account's access: may send it links
	// CanSetPassword offers "Set temporary password": a password user other
	// than oneself, and an Admin only to an Admin.
	CanSetPassword bool
	// OpenTempPassword opens "Set temporary password" with its field
	// focused: the row menu's item of that name.
	OpenTempPassword bool
	// Managed: a service provider's user's customers (views/managed.templ).
	Managed ManagedTable
	// SSOIssuer and SSOSubject are the identity an SSO account is bound
	// to, "" until its first sign-in; CanUnlink offers "Unlink" (the
	// viewer may act for the account).
	SSOIssuer, SSOSubject string
	CanUnlink             bool
	// Locked: the tenant's identity provider manages this person (external
	// provisioning): names, email, language and time zone are its, shown
	// read-only; deactivating and deleting are refused.
	Locked bool
	// LockedNames: on My account, a provisioned person's names are the
	// provider's; the rest of their profile stays theirs.
	LockedNames bool
	Origin      string // how the account came: console, invitation, registration, scim
}

// lockedField reports whether field is the identity provider's to change.
func lockedField(f UserForm, field string) bool {
	switch field {
	case "first_name", "last_name":
		return f.Locked || f.LockedNames
	case "email", "language", "time_zone":
		return f.Locked
	}
	return false
}

// Name is the form's person as a heading shows it.
func (f UserForm) Name() string {
	if f.FirstName == "" && f.LastName == "" {
		return f.Login
	}
	return f.FirstName + " " + f.LastName
}

// Err returns the message for field, or "".
func (f UserForm) Err(field string) string { return f.Errors[field] }

// TimeZones are offered in the time zone field's list; any IANA name is accepted.
var TimeZones = []string{"UTC", "Europe/Paris", "Europe/London", "Europe/Berlin", "Europe/Madrid", "Europe/Rome",
	"Europe/Brussels", "Europe/Zurich", "Europe/Amsterdam", "Europe/Lisbon", "Europe/Warsaw", "Europe/Stockholm",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
	"America/Montreal", "America/Mexico_City", "America/Sao_Paulo", "America/Buenos_Aires", "Africa/Casablanca",
	"Africa/Dakar", "Africa/Abidjan", "Africa/Lagos", "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata",
	"Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland",
	"Indian/Reunion", "America/Martinique", "Pacific/Noumea"}

// Currencies are offered in the currency field's list; any ISO 4217 code is accepted.
var Currencies = []string{"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "CNY", "INR", "BRL", "MXN", "XOF", "XAF", "MAD", "SEK", "NOK", "DKK", "PLN", "NZD", "SGD", "ZAR"}

// invalid is the aria-invalid value of a field.
// formOrder is the order the user forms show their fields in.
var formOrder = []string{"login", "first_name", "last_name", "email", "user_type", "language", "time_zone", "currency", "password", "roles"}

// firstInvalid is the first field of the form with an error, the one given
// focus when the form comes back; "" when none.
func firstInvalid(f UserForm) string {
	for _, n := range formOrder {
		if f.Err(n) != "" {
			return n
		}
	}
	return ""
}

func invalid(f UserForm, field string) string {
	if f.Err(field) != "" {
		return "true"
	}
	return "false"
}

// AccessRole is a role held and its source: GroupID 0 means given directly.
type AccessRole struct {
	Label     string
	RoleID    int64
	GroupID   int64
	GroupName string
	ExpiresAt time.Time // when the grant giving it ends; zero: never
}

// Access is the Access section: roles with sources, resulting permissions, modules.
type Access struct {
	// EndsFor is the account whose grants' ends may be changed here (the
	// user page; 0 elsewhere): a direct role's by users.manage, a group
	// membership's by groups.manage.
	EndsFor     int64
	UserType    string
	Roles       []AccessRole
	Permissions []string
	Modules     []string
}

// grantEndURL is where a grant's end is changed: a direct role's
// (users.manage) or a membership's (groups.manage).
func grantEndURL(account int64, r AccessRole) string {
	if r.GroupID == 0 {
		return "/users/" + strconv.FormatInt(account, 10) + "/role-end"
	}
	return "/users/" + strconv.FormatInt(account, 10) + "/group-end"
}

// grantEndID is the date field of one grant's end.
func grantEndID(r AccessRole) string {
	return "end-" + strconv.FormatInt(r.GroupID, 10) + "-" + strconv.FormatInt(r.RoleID, 10)
}

// dateValue is t as a date field holds it ("" for never): the day in UTC,
// which is how the date is read back.
func dateValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
