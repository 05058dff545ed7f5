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

		{http.MethodGet, "/service-accounts", auth.APIKeysManage, a.serviceList},
		{http.MethodPost, "/service-accounts", auth.APIKeysManage, a.serviceCreate},
		{http.MethodGet, "/accounts/:id/keys", auth.APIKeysManage, a.keyList},
		{http.MethodPost, "/accounts/:id/keys", auth.APIKeysManage, a.keyCreate},
		{http.MethodDelete, "/accounts/:id/keys/:key_id", auth.APIKeysManage, a.keyRevoke},

		// Reports and the audit log (issue 7) go here.
	}
}
