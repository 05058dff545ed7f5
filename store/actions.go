package store

// Action names what an audit event records. Every action the code writes is
// one of these constants: the audit log's filter offers each, and each has a
// label in every catalog (tested in web/audit_actions_test.go). A new action
// is a new constant here, its place in views.AuditActions and its labels.
type Action string

// The actions, by area; the values are stored, so they never change.
const (
	// Issue 17: the dormancy policy and the records of expiry.
	ActionDormancyPolicy     Action = "dormancy.policy"      // the tenant's policy changed
	ActionDormancyExempt     Action = "dormancy.exempt"      // a person exempted, or no longer
	ActionDormancyWarn       Action = "dormancy.warn"        // the policy warned a person
	ActionDormancyReport     Action = "dormancy.report"      // the policy would deactivate but did not, and why
	ActionUserExpired        Action = "user.expired"         // an account's end came
	ActionUserRoleExpired    Action = "user.role.expired"    // a direct role's end came; the grant is removed
	ActionGroupMemberExpired Action = "group.member.expired" // a membership's end came; it is removed
	ActionAPIKeyExpired      Action = "apikey.expired"       // an API key's end came

	// People.
	ActionUserCreate               Action = "user.create"
	ActionUserUpdate               Action = "user.update"
	ActionUserRoles                Action = "user.roles"
	ActionUserExpiry               Action = "user.expiry"         // issue 17: account expiry set or cleared
	ActionUserRoleExpiry           Action = "user.role.expiry"    // a direct role's expiry
	ActionGroupMemberExpiry        Action = "group.member.expiry" // a group membership's expiry
	ActionUserActivate             Action = "user.activate"
	ActionUserDeactivate           Action = "user.deactivate"
	ActionUserStatus               Action = "user.status"
	ActionUsersSeed                Action = "users.seed"
	ActionUserInvite               Action = "user.invite"
	ActionUserInvitationResend     Action = "user.invitation.resend"
	ActionUserInvitationAccept     Action = "user.invitation.accept"
	ActionUserDelete               Action = "user.delete"
	ActionUserRegister             Action = "user.register"
	ActionUserRegisterAgain        Action = "user.register.again"
	ActionUserRegisterExisting     Action = "user.register.existing"
	ActionUserVerify               Action = "user.verify"
	ActionUserPasswordResetRequest Action = "user.password.reset_request"
	ActionUserPasswordResetSent    Action = "user.password.reset_sent"
	ActionUserPasswordReset        Action = "user.password.reset"
	ActionUserPasswordTemporary    Action = "user.password_temporary"
	ActionUserContactEmail         Action = "user.contact_email"
	ActionUserContactEmailVerify   Action = "user.contact_email.verify"
	// A person of an ancestor tenant given roles here, or no longer a member.
	ActionMemberAdd    Action = "member.add"
	ActionMemberRemove Action = "member.remove"
	// A service provider's user given (or no longer given) customers to manage.
	ActionUserManaged Action = "user.managed"
	// An administrator signed a person out of every browser (the user page).
	ActionUserSessionsEnd Action = "user.sessions_end"

	// My account.
	ActionAccountUpdate            Action = "account.update"
	ActionAccountAvatarSet         Action = "account.avatar_set"
	ActionAccountAvatarRemove      Action = "account.avatar_remove"
	ActionAccountPasswordChange    Action = "account.password_change"
	ActionAccountSessionsEndOthers Action = "account.sessions_end_others"

	// Groups.
	ActionGroupCreate        Action = "group.create"
	ActionGroupUpdate        Action = "group.update"
	ActionGroupDelete        Action = "group.delete"
	ActionGroupRoles         Action = "group.roles"
	ActionGroupMembersAdd    Action = "group.members.add"
	ActionGroupMembersRemove Action = "group.members.remove"

	// Roles and modules.
	ActionRoleCreate   Action = "role.create"
	ActionRoleUpdate   Action = "role.update"
	ActionRoleDelete   Action = "role.delete"
	ActionModuleCreate Action = "module.create"
	ActionModuleUpdate Action = "module.update"
	ActionModuleDelete Action = "module.delete"

	// Projects.
	ActionProjectCreate      Action = "project.create"
	ActionProjectUpdate      Action = "project.update"
	ActionProjectDelete      Action = "project.delete"
	ActionProjectUsersAdd    Action = "project.users.add"
	ActionProjectUsersUpdate Action = "project.users.update"
	ActionProjectUsersRemove Action = "project.users.remove"
	ActionProjectTeamsAdd    Action = "project.teams.add"
	ActionProjectTeamsUpdate Action = "project.teams.update"
	ActionProjectTeamsRemove Action = "project.teams.remove"
	// The Team box ticked or cleared for the people of one misconfiguration cause at once.
	ActionProjectUsersTeam Action = "project.users.team"

	// Jobs: bulk actions and imports run in the background.
	ActionJobCreate Action = "job.create"
	ActionJobCancel Action = "job.cancel"
	ActionJobFinish Action = "job.finish"
	// A file uploaded to import people, and the column mapping saved for
	// the tenant's next imports.
	ActionImportUpload  Action = "import.upload"
	ActionImportMapping Action = "import.mapping"

	// Sign-in.
	ActionSignInSuccess   Action = "signin.success"
	ActionSignInFailure   Action = "signin.failure"
	ActionSignInThrottled Action = "signin.throttled"
	ActionSignOut         Action = "signout"

	// Single sign-on: the tenant's connection, and the identities bound to accounts.
	ActionSSOUpdate     Action = "sso.update"
	ActionSSORemove     Action = "sso.remove"
	ActionUserSSOLink   Action = "user.sso.link"   // bound at a first sign-in
	ActionUserSSOJoin   Action = "user.sso.create" // created at a first sign-in
	ActionUserSSOUnlink Action = "user.sso.unlink"

	// External provisioning: the mode, and the identity provider's tokens.
	// What the provider does over SCIM is written as the console's own
	// actions (user.create, group.members.add...) with its token in details.
	ActionTenantProvisioning Action = "tenant.provisioning"
	ActionSCIMTokenCreate    Action = "scim_token.create"
	ActionSCIMTokenRevoke    Action = "scim_token.revoke"
	ActionUserSCIMClaim      Action = "user.scim.claim"  // the provider took a person over
	ActionGroupSCIMClaim     Action = "group.scim.claim" // or a group

	// Service accounts and API keys.
	ActionServiceAccountCreate Action = "service_account.create"
	ActionAPIKeyCreate         Action = "apikey.create"
	ActionAPIKeyRevoke         Action = "apikey.revoke"

	// Reports, the audit log and settings.
	ActionReportUserPermissions Action = "report.user_permissions"
	ActionReportProjectAccess   Action = "report.project_access"
	ActionAuditExport           Action = "audit.export"
	ActionAuditRetention        Action = "audit.retention"
	ActionAuditPurge            Action = "audit.purge"
	ActionTenantSettings        Action = "tenant.settings"
	ActionTenantCreate          Action = "tenant.create"
	ActionTenantUpdate          Action = "tenant.update"
	ActionTenantDeactivate      Action = "tenant.deactivate"
	ActionTenantActivate        Action = "tenant.activate"
)
