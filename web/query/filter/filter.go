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
	Pending     bool // pending access: active people with no role (access=pending)
	Sort        string
	Desc        bool
	Size        int
}

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
var AuditTargetTypes = []string{"account", "group", "role", "project", "module", "tenant", "api_key", "scim_token"}
