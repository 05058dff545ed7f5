package api

import (
	"net/http"

	"github.com/console-dev/console/auth"
)

// Routes is the whole surface of the API, relative to Base. Adding an
// endpoint is one line here (method, path, the permission it requires, its
// handler) plus the handler, and its entry in openapi.json: the server refuses
// a route without a permission, and TestOpenAPIMatchesRoutes fails until the
// document and this table agree.
func (a *API) Routes() []Route {
	return []Route{
		{http.MethodGet, "/openapi.json", auth.Public, a.openAPI},
		{http.MethodGet, "/permissions", auth.UsersView, a.permissionList},

		{http.MethodGet, "/users", auth.UsersView, a.userList},
		{http.MethodPost, "/users", auth.UsersManage, a.userCreate},
		{http.MethodGet, "/users/:id", auth.UsersView, a.userGet},
		{http.MethodPatch, "/users/:id", auth.UsersManage, a.userUpdate},
		{http.MethodDelete, "/users/:id", auth.UsersManage, a.userDelete},
		{http.MethodPut, "/users/:id/roles", auth.UsersManage, a.userRoles},
		{http.MethodPost, "/users/:id/activate", auth.UsersManage, a.userActivate},
		{http.MethodPost, "/users/:id/deactivate", auth.UsersManage, a.userDeactivate},
		{http.MethodDelete, "/users/:id/sso-identity", auth.UsersManage, a.userSSOUnlink},

		{http.MethodPut, "/tenants/:id/members/:account_id", auth.UsersManage, a.memberSet},
		{http.MethodDelete, "/tenants/:id/members/:account_id", auth.UsersManage, a.memberRemove},

		{http.MethodGet, "/groups", auth.UsersView, a.groupList},
		{http.MethodPost, "/groups", auth.GroupsManage, a.groupCreate},
		{http.MethodGet, "/groups/:id", auth.UsersView, a.groupGet},
		{http.MethodPatch, "/groups/:id", auth.GroupsManage, a.groupUpdate},
		{http.MethodDelete, "/groups/:id", auth.GroupsManage, a.groupDelete},
		{http.MethodPut, "/groups/:id/members/:account_id", auth.GroupsManage, a.groupMemberAdd},
		{http.MethodDelete, "/groups/:id/members/:account_id", auth.GroupsManage, a.groupMemberRemove},
		{http.MethodPut, "/groups/:id/roles/:role_id", auth.GroupsManage, a.groupRoleAdd},
		{http.MethodDelete, "/groups/:id/roles/:role_id", auth.GroupsManage, a.groupRoleRemove},

		{http.MethodGet, "/roles", auth.UsersView, a.roleList},
		{http.MethodPost, "/roles", auth.RolesManage, a.roleCreate},
		{http.MethodGet, "/roles/:id", auth.UsersView, a.roleGet},
		{http.MethodPatch, "/roles/:id", auth.RolesManage, a.roleUpdate},
		{http.MethodDelete, "/roles/:id", auth.RolesManage, a.roleDelete},

		{http.MethodGet, "/projects", auth.ProjectsView, a.projectList},
		{http.MethodPost, "/projects", auth.ProjectsManage, a.projectCreate},
		{http.MethodGet, "/projects/:id", auth.ProjectsView, a.projectGet},
		{http.MethodPatch, "/projects/:id", auth.ProjectsManage, a.projectUpdate},
		{http.MethodDelete, "/projects/:id", auth.ProjectsManage, a.projectDelete},
		{http.MethodPut, "/projects/:id/users/:account_id", auth.ProjectsManage, a.projectUserSet},
		{http.MethodDelete, "/projects/:id/users/:account_id", auth.ProjectsManage, a.projectUserRemove},
		{http.MethodPut, "/projects/:id/teams/:group_id", auth.ProjectsManage, a.projectTeamSet},
		{http.MethodDelete, "/projects/:id/teams/:group_id", auth.ProjectsManage, a.projectTeamRemove},
		{http.MethodGet, "/projects/:id/misconfigurations", auth.ProjectsView, a.projectMisconfigurations},

		{http.MethodGet, "/service-accounts", auth.APIKeysManage, a.serviceList},
		{http.MethodPost, "/service-accounts", auth.APIKeysManage, a.serviceCreate},
		{http.MethodPost, "/service-accounts/:id/activate", auth.APIKeysManage, a.serviceActivate},
		{http.MethodPost, "/service-accounts/:id/deactivate", auth.APIKeysManage, a.serviceDeactivate},
		{http.MethodPut, "/service-accounts/:id/roles", auth.APIKeysManage, a.serviceRoles},
		{http.MethodPut, "/service-accounts/:id/groups/:group_id", auth.GroupsManage, a.serviceGroupAdd},
		{http.MethodDelete, "/service-accounts/:id/groups/:group_id", auth.GroupsManage, a.serviceGroupRemove},
		{http.MethodGet, "/accounts/:id/keys", auth.APIKeysManage, a.keyList},
		{http.MethodPost, "/accounts/:id/keys", auth.APIKeysManage, a.keyCreate},
		{http.MethodDelete, "/accounts/:id/keys/:key_id", auth.APIKeysManage, a.keyRevoke},

		// Bulk actions run as background jobs (issue 17).
		{http.MethodGet, "/jobs", auth.UsersView, a.jobList},
		{http.MethodPost, "/jobs", auth.UsersManage, a.jobCreate},
		{http.MethodGet, "/jobs/:id", auth.UsersView, a.jobGet},
		{http.MethodGet, "/jobs/:id/items", auth.UsersView, a.jobItems},
		{http.MethodPost, "/jobs/:id/cancel", auth.UsersManage, a.jobCancel},

		// Reports and the audit log (issue 7) go here.
		{http.MethodGet, "/reports/user-permissions", auth.ReportsView, a.userReport},
		{http.MethodGet, "/reports/project-access", auth.ReportsView, a.projectReport},
		{http.MethodGet, "/audit", auth.AuditView, a.auditList},

		// The tenant tree and the key's tenant's settings (issue 12).
		{http.MethodGet, "/tenants", auth.TenantsManage, a.tenantList},
		{http.MethodPost, "/tenants", auth.TenantsManage, a.tenantCreate},
		{http.MethodGet, "/tenants/:id", auth.TenantsManage, a.tenantGet},
		{http.MethodPatch, "/tenants/:id", auth.TenantsManage, a.tenantUpdate},
		{http.MethodPost, "/tenants/:id/deactivate", auth.TenantsManage, a.tenantDeactivate},
		{http.MethodPost, "/tenants/:id/activate", auth.TenantsManage, a.tenantActivate},
		{http.MethodGet, "/settings", auth.TenantSettings, a.settingsGet},
		{http.MethodPatch, "/settings", auth.TenantSettings, a.settingsUpdate},
		// The key's tenant's single sign-on connection (issue 13).
		{http.MethodGet, "/settings/sso", auth.TenantSettings, a.ssoGet},
		{http.MethodPut, "/settings/sso", auth.TenantSettings, a.ssoPut},
		{http.MethodDelete, "/settings/sso", auth.TenantSettings, a.ssoDelete},
	}
}
