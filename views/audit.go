package views

import (
	"context"
	"time"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/web/query/filter"
)

// AuditActions are the actions the audit log's filter offers, in its order.
var AuditActions = []string{
	"user.create", "user.update", "user.roles", "user.activate", "user.deactivate", "user.status", "users.seed",
	"group.create", "group.update", "group.delete", "group.roles", "group.members.add", "group.members.remove",
	"role.create", "role.update", "role.delete", "module.create", "module.update", "module.delete",
	"project.create", "project.update", "project.delete", "project.users.add", "project.users.update",
	"project.users.remove", "project.teams.add", "project.teams.update", "project.teams.remove",
	"project.users.team",
	"signin.success", "signin.failure", "signin.throttled", "signout",
	"report.user_permissions", "report.project_access", "audit.export", "audit.retention", "audit.purge",
	"user.invite", "user.invitation.resend", "user.invitation.accept", "user.delete", "user.register",
	"user.register.again", "user.register.existing", "user.verify", "user.password.reset_request",
	"user.password.reset_sent", "user.password.reset", "user.password_temporary", "user.contact_email",
	"user.contact_email.verify", "tenant.settings", "account.update", "account.avatar_set", "account.avatar_remove",
	"account.password_change", "account.sessions_end_others", "service_account.create", "apikey.create", "apikey.revoke",
	"member.add", "member.remove", "tenant.create", "tenant.update", "tenant.deactivate", "tenant.activate",
	"user.managed", "sso.update", "sso.remove", "user.sso.link", "user.sso.create", "user.sso.unlink",
	"tenant.provisioning", "scim_token.create", "scim_token.revoke", "user.scim.claim", "group.scim.claim",
	"user.sessions_end", "job.create", "job.cancel", "job.finish", "import.upload", "import.mapping", "user.expiry", "user.role.expiry", "group.member.expiry",
	"dormancy.policy", "dormancy.exempt", "dormancy.warn", "dormancy.report", "user.expired", "user.role.expired",
	"group.member.expired", "apikey.expired",
}

// AuditTargetTypes are the kinds of target the audit log's filter offers.
var AuditTargetTypes = filter.AuditTargetTypes

// ActionLabel translates an audit action (see i18n.ActionLabel).
func ActionLabel(ctx context.Context, action string) string { return i18n.ActionLabel(ctx, action) }

// AuditFilter echoes the audit log's filters back into its form (filter.Audit).
type AuditFilter = filter.Audit

// AuditChange is one field of a change: its value before and after.
type AuditChange struct {
	Field, Before, After string
}

// AuditRow is one event as the audit log shows it.
type AuditRow struct {
	ID         int64
	At         time.Time
	Actor      string // "" for the system
	ActorEmail string
	ActorURL   string // the log filtered on this actor
	// ActorTenant names the actor's home tenant when it is not this one (a
	// service provider's user acting in a customer).
	ActorTenant string
	Action      string
	Sentence    string // what the event did, naming what it names
	TargetType  string
	Target      string
	TargetURL   string // the target's page while it exists
	AboutURL    string // the log filtered on this target
	IP          string
	Changes     []AuditChange
	Other       []AuditChange // details that are not a before/after pair (Before unused)
}

// Audit is the audit log page's view model.
type Audit struct {
	Filter       AuditFilter
	ActorError   string
	DateError    string
	Actions      []Option
	TargetTypes  []Option
	Rows         []AuditRow
	NextURL      string // older events
	PrevURL      string // newer events
	ExportCSV    string
	ExportXLSX   string
	Retention    RetentionForm
	ShowSettings bool
}

// RetentionForm is the audit retention setting, with its error or notice.
type RetentionForm struct {
	Days  string
	Error string
	Saved bool
}
