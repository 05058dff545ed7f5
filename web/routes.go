package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
)

// Route is one entry of the route table; Perm is required, never implied.
type Route struct {
	Method  string
	Path    string
	Perm    auth.Permission
	Handler echo.HandlerFunc
}

// routes is the whole surface of the console.
func (h *Handler) routes() []Route {
	return []Route{
		{http.MethodGet, "/healthz", auth.Public, h.health},
		{http.MethodGet, "/readyz", auth.Public, h.ready},
		{http.MethodGet, "/static/*", auth.Public, h.static},
		{http.MethodGet, "/signin", auth.Public, h.signInForm},
		{http.MethodPost, "/signin", auth.Public, h.signIn},
		// Single sign-on (issue 13): the sign-in page's method follows the
		// address's domain; the provider sends the browser back to the callback.
		{http.MethodGet, "/signin/method", auth.Public, h.signInMethod},
		{http.MethodGet, "/sso/callback", auth.Public, h.ssoCallback},
		{http.MethodPost, "/signout", auth.SignedIn, h.signOut},
		{http.MethodGet, "/", auth.SignedIn, h.home},
		{http.MethodGet, "/welcome", auth.SignedIn, h.welcome},
		{http.MethodGet, "/switcher", auth.SignedIn, h.switcher},

		{http.MethodGet, "/users", auth.UsersView, h.userList},
		{http.MethodGet, "/users/new", auth.UsersManage, h.userNew},
		{http.MethodGet, "/users/count", auth.UsersView, h.userCount},
		{http.MethodPost, "/users", auth.UsersManage, h.userCreate},
		{http.MethodPost, "/users/bulk", auth.UsersManage, h.bulkPreview},
		// Import people from a CSV or XLSX file (issue 17): upload, map, preview, apply as a job.
		{http.MethodGet, "/users/import", auth.UsersManage, h.importForm},
		{http.MethodPost, "/users/import", auth.UsersManage, h.importUpload},
		{http.MethodPost, "/users/import/:id/preview", auth.UsersManage, h.importPreview},
		{http.MethodPost, "/users/import/:id/apply", auth.UsersManage, h.importApply},
		{http.MethodPost, "/jobs", auth.UsersManage, h.jobStart},
		{http.MethodGet, "/jobs", auth.UsersView, h.jobList},
		{http.MethodGet, "/jobs/:id", auth.UsersView, h.jobShow},
		{http.MethodGet, "/jobs/:id/results.csv", auth.UsersView, h.jobResults},
		{http.MethodPost, "/jobs/:id/cancel", auth.UsersManage, h.jobCancel},
		{http.MethodGet, "/users/:id/edit", auth.UsersView, h.userEdit},
		{http.MethodGet, "/users/:id/menu", auth.UsersManage, h.userMenu},
		{http.MethodPost, "/users/:id", auth.UsersManage, h.userUpdate},
		{http.MethodPost, "/users/:id/roles", auth.UsersManage, h.userRoles},
		{http.MethodPost, "/users/:id/role-end", auth.UsersManage, h.userRoleEnd},
		{http.MethodPost, "/users/:id/group-end", auth.GroupsManage, h.userGroupEnd},
		{http.MethodPost, "/users/:id/activate", auth.UsersManage, h.userActivate},
		{http.MethodPost, "/users/:id/deactivate", auth.UsersManage, h.userDeactivate},
		{http.MethodPost, "/users/:id/remove-member", auth.UsersManage, h.memberRemove},
		{http.MethodGet, "/members/add", auth.UsersManage, h.memberAddForm},
		{http.MethodGet, "/members/candidates", auth.UsersManage, h.memberCandidates},
		{http.MethodPost, "/members", auth.UsersManage, h.memberAdd},
		// A service provider's user: the customers they manage (issue 12).
		{http.MethodPost, "/users/new/managed", auth.UsersManage, h.userNewManaged},
		{http.MethodPost, "/users/:id/managed", auth.UsersManage, h.userManaged},
		// A person's full page in tabs, and its "Sign out everywhere" (issue 16).
		{http.MethodGet, "/users/:id/page", auth.UsersView, h.userPage},
		{http.MethodPost, "/users/:id/sessions/end", auth.UsersManage, h.userSessionsEnd},

		// Roles and modules.
		{http.MethodGet, "/roles", auth.UsersView, h.roleList},
		{http.MethodGet, "/roles/new", auth.RolesManage, h.roleNew},
		{http.MethodPost, "/roles", auth.RolesManage, h.roleCreate},
		{http.MethodGet, "/roles/:id", auth.UsersView, h.roleHolders},
		{http.MethodGet, "/roles/:id/edit", auth.RolesManage, h.roleEdit},
		{http.MethodPost, "/roles/:id", auth.RolesManage, h.roleUpdate},
		{http.MethodPost, "/roles/:id/delete", auth.RolesManage, h.roleDelete},
		{http.MethodGet, "/modules", auth.UsersView, h.moduleList},
		{http.MethodGet, "/modules/new", auth.RolesManage, h.moduleNew},
		{http.MethodPost, "/modules", auth.RolesManage, h.moduleCreate},
		{http.MethodGet, "/modules/:id/edit", auth.RolesManage, h.moduleEdit},
		{http.MethodPost, "/modules/:id", auth.RolesManage, h.moduleUpdate},
		{http.MethodPost, "/modules/:id/delete", auth.RolesManage, h.moduleDelete},

		// Users & Groups.
		{http.MethodGet, "/groups", auth.UsersView, h.groupList},
		{http.MethodPost, "/groups", auth.GroupsManage, h.groupCreate},
		{http.MethodPost, "/groups/members", auth.GroupsManage, h.groupMembersAdd},
		{http.MethodPost, "/groups/members/remove", auth.GroupsManage, h.groupMembersRemove},
		{http.MethodGet, "/groups/:id", auth.UsersView, h.groupShow},
		{http.MethodPost, "/groups/:id", auth.GroupsManage, h.groupUpdate},
		{http.MethodGet, "/groups/:id/members", auth.UsersView, h.groupMembers},
		{http.MethodPost, "/groups/:id/members/remove", auth.GroupsManage, h.groupMemberRemove},
		{http.MethodGet, "/groups/:id/people", auth.GroupsManage, h.groupPeople},
		{http.MethodPost, "/groups/:id/members/add", auth.GroupsManage, h.groupMemberAdd},
		{http.MethodPost, "/groups/:id/roles", auth.GroupsManage, h.groupRoles},
		{http.MethodPost, "/groups/:id/delete", auth.GroupsManage, h.groupDelete},

		// Projects.
		{http.MethodGet, "/projects", auth.ProjectsView, h.projectList},
		{http.MethodPost, "/projects", auth.ProjectsManage, h.projectCreate},
		{http.MethodGet, "/projects/:id", auth.ProjectsView, h.projectShow},
		{http.MethodGet, "/projects/:id/members", auth.ProjectsView, h.projectMembersPage},
		{http.MethodPost, "/projects/:id", auth.ProjectsManage, h.projectUpdate},
		{http.MethodPost, "/projects/:id/users", auth.ProjectsManage, h.projectUsersAdd},
		{http.MethodPost, "/projects/:id/teams", auth.ProjectsManage, h.projectTeamsAdd},
		{http.MethodPost, "/projects/:id/remove", auth.ProjectsManage, h.projectRemove},
		{http.MethodPost, "/projects/:id/user", auth.ProjectsManage, h.projectUserSet},
		{http.MethodPost, "/projects/:id/team", auth.ProjectsManage, h.projectTeamSet},
		{http.MethodPost, "/projects/:id/delete", auth.ProjectsManage, h.projectDelete},
		{http.MethodPost, "/projects/:id/fix", auth.ProjectsManage, h.projectFix},
		// A person's projects form names and shows them: projects.manage,
		// and only for who may see people (else 404, as any unseen person).
		{http.MethodGet, "/users/:id/projects/add", auth.ProjectsManage, seesPeople(h.userProjectsAddForm)},
		{http.MethodPost, "/users/:id/projects", auth.ProjectsManage, seesPeople(h.userProjectsAdd)},

		// Lifecycle: mail, invitations, registration, passwords (issue 5).
		{http.MethodGet, "/users/invite", auth.UsersManage, h.userInviteForm},
		{http.MethodPost, "/users/invite", auth.UsersManage, h.userInvite},
		{http.MethodPost, "/users/:id/resend", auth.UsersManage, h.userResendLink},
		{http.MethodPost, "/users/:id/reset-password", auth.UsersManage, h.userResetPassword},
		{http.MethodPost, "/users/:id/delete", auth.UsersManage, h.userDelete},
		{http.MethodPost, "/users/:id/sso-unlink", auth.UsersManage, h.userSSOUnlink},
		{http.MethodGet, "/invitations", auth.UsersView, h.invitationList},
		{http.MethodPost, "/invitations/:id/resend", auth.UsersManage, h.invitationResend},
		{http.MethodPost, "/invitations/:id/revoke", auth.UsersManage, h.invitationRevoke},
		{http.MethodGet, "/mail", auth.TenantSettings, h.mailList},
		{http.MethodGet, "/mail/:id", auth.TenantSettings, h.mailShow},
		{http.MethodGet, "/invite/:token", auth.Public, h.inviteForm},
		{http.MethodPost, "/invite/:token", auth.Public, h.inviteAccept},
		{http.MethodGet, "/password/forgot", auth.Public, h.forgotForm},
		{http.MethodPost, "/password/forgot", auth.Public, h.forgot},
		{http.MethodGet, "/password/reset/:token", auth.Public, h.resetForm},
		{http.MethodPost, "/password/reset/:token", auth.Public, h.reset},
		{http.MethodGet, "/contact/verify/:token", auth.Public, h.contactVerifyForm},
		{http.MethodPost, "/contact/verify/:token", auth.Public, h.contactVerify},

		// Registration and tenant settings.
		{http.MethodGet, "/register/:slug", auth.Public, h.registerShow},
		{http.MethodPost, "/register/:slug", auth.Public, h.registerSubmit},
		{http.MethodGet, "/verify/:token", auth.Public, h.verifyShow},
		{http.MethodPost, "/verify/:token", auth.Public, h.verifyConfirm},
		{http.MethodGet, "/settings", auth.TenantSettings, h.settingsShow},
		{http.MethodPost, "/settings", auth.TenantSettings, h.settingsUpdate},
		// Single sign-on (issue 13): the tenant's OpenID Connect connection.
		{http.MethodGet, "/settings/sso", auth.TenantSettings, h.ssoSettingsShow},
		{http.MethodPost, "/settings/sso", auth.TenantSettings, h.ssoSettingsSave},
		{http.MethodPost, "/settings/sso/test", auth.TenantSettings, h.ssoSettingsTest},
		{http.MethodPost, "/settings/sso/remove", auth.TenantSettings, h.ssoSettingsRemove},
		// External provisioning (issue 14): the mode and the SCIM tokens.
		{http.MethodGet, "/settings/provisioning", auth.TenantSettings, h.provisioningShow},
		{http.MethodPost, "/settings/provisioning", auth.TenantSettings, h.provisioningSave},
		{http.MethodPost, "/settings/provisioning/tokens", auth.TenantSettings, h.scimTokenCreate},
		{http.MethodPost, "/settings/provisioning/tokens/:id/revoke", auth.TenantSettings, h.scimTokenRevoke},
		// Dormancy policy, its preview, exemptions, expiry reminders (issue 17).
		{http.MethodGet, "/settings/dormancy", auth.TenantSettings, h.dormancyShow},
		{http.MethodPost, "/settings/dormancy", auth.TenantSettings, h.dormancySave},
		{http.MethodPost, "/settings/dormancy/exempt", auth.TenantSettings, h.dormancyExempt},

		// The tenant tree (issue 12): the tenant acted in and its descendants.
		{http.MethodGet, "/tenants", auth.TenantsManage, h.tenantList},
		{http.MethodPost, "/tenants", auth.TenantsManage, h.tenantCreate},
		{http.MethodGet, "/tenants/new", auth.TenantsManage, h.tenantNew},
		{http.MethodGet, "/tenants/:id/edit", auth.TenantsManage, h.tenantEdit},
		{http.MethodPost, "/tenants/:id", auth.TenantsManage, h.tenantUpdate},
		{http.MethodPost, "/tenants/:id/deactivate", auth.TenantsManage, h.tenantDeactivate},
		{http.MethodPost, "/tenants/:id/activate", auth.TenantsManage, h.tenantActivate},

		// My account (issue 5).
		{http.MethodGet, "/account", auth.SignedIn, h.accountShow},
		{http.MethodPost, "/account", auth.SignedIn, h.accountUpdate},
		{http.MethodPost, "/account/avatar", auth.SignedIn, h.accountAvatar},
		{http.MethodPost, "/account/avatar/remove", auth.SignedIn, h.accountAvatarRemove},
		{http.MethodGet, "/avatars/:key", auth.SignedIn, h.avatarServe},
		{http.MethodGet, "/account/password", auth.SignedIn, h.passwordForm},
		{http.MethodPost, "/account/password", auth.SignedIn, h.passwordChange},
		{http.MethodPost, "/account/sessions/end-others", auth.SignedIn, h.accountEndOthers},
		{http.MethodPost, "/users/:id/password", auth.UsersManage, h.userTempPassword},

		// Service accounts and API keys (issue 6). The JSON API has its own table: web/api/routes.go.
		{http.MethodGet, "/service-accounts", auth.APIKeysManage, h.serviceAccountList},
		{http.MethodPost, "/service-accounts", auth.APIKeysManage, h.serviceAccountCreate},
		{http.MethodGet, "/service-accounts/:id", auth.APIKeysManage, h.serviceAccountShow},
		{http.MethodPost, "/service-accounts/:id/activate", auth.APIKeysManage, h.serviceAccountActivate},
		{http.MethodPost, "/service-accounts/:id/deactivate", auth.APIKeysManage, h.serviceAccountDeactivate},
		{http.MethodPost, "/service-accounts/:id/roles", auth.APIKeysManage, h.serviceAccountRoles},
		{http.MethodPost, "/service-accounts/:id/groups", auth.GroupsManage, h.serviceGroupAdd},
		{http.MethodPost, "/service-accounts/:id/groups/:group_id/remove", auth.GroupsManage, h.serviceGroupRemove},
		{http.MethodGet, "/accounts/:id/keys", auth.APIKeysManage, h.accountKeys},
		{http.MethodPost, "/accounts/:id/keys", auth.APIKeysManage, h.accountKeyCreate},
		{http.MethodPost, "/accounts/:id/keys/:key/revoke", auth.APIKeysManage, h.accountKeyRevoke},
		{http.MethodGet, "/account/keys", auth.SignedIn, h.ownKeys},
		{http.MethodPost, "/account/keys", auth.SignedIn, h.ownKeyCreate},
		{http.MethodPost, "/account/keys/:key/revoke", auth.SignedIn, h.ownKeyRevoke},

		// Reports and the audit log (issue 7).
		{http.MethodGet, "/users/report", auth.ReportsView, h.userReport},
		{http.MethodGet, "/projects/report", auth.ReportsView, h.projectReport},
		{http.MethodGet, "/audit", auth.AuditView, h.auditList},
		{http.MethodGet, "/audit/export", auth.AuditView, h.auditExport},
		{http.MethodPost, "/audit/retention", auth.TenantSettings, h.auditRetention},
	}
}

// Routes lists the route table, for the test that walks it.
func (h *Handler) Routes() []Route { return h.routes() }
