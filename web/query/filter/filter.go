// Package filter holds the filters of the users table and the audit log as
// plain values: web/query parses them from a URL for the console and the JSON
// API alike, and the console's views echo them into their forms.
package filter

// Users is the users table's filters as the URL carries them.
type Users struct {
	Q           string
	Status      string
	Type        string
	Auth        string // sign-in method: "", password or sso
	Role        string
	NoRole      bool
	Deactivated bool
	Pending     bool   // pending access: active people with no role (access=pending)
	Group       string // a group id of the tenant
	Inactive    string // "", a number of days ("not active for 90 days") or never
	Domain      string // an email domain, lower-case: example.net or a dot-suffix of it
	CreatedFrom string // YYYY-MM-DD, the first day of creation kept
	CreatedTo   string // YYYY-MM-DD, the last day kept
	Sort        string
	Desc        bool
	Size        int
}

// InactiveChoices are the "not active for" choices the table offers, in days;
// the URL and the API take any count from 1 to MaxInactiveDays.
var InactiveChoices = []int{30, 90, 180, 365}

// MaxInactiveDays bounds the "not active for" count (a hundred years).
const MaxInactiveDays = 36500

// PageSizes are the page-size choices of the users table.
var PageSizes = []int{25, 50, 100, 200}

// Audit is the audit log's filters as the URL carries them.
type Audit struct {
	Actor      string
	Action     string
	TargetType string
	Target     string // a target id, set by "every event about this"
	From, To   string // YYYY-MM-DD in the viewer's zone
}

// AuditTargetTypes are the kinds of target the audit log's filter offers.
var AuditTargetTypes = []string{"account", "group", "role", "project", "module", "tenant", "api_key", "scim_token", "job"}
