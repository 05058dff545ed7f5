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
		{http.MethodGet, "/static/*", auth.Public, h.static},
		{http.MethodGet, "/signin", auth.Public, h.signInForm},
		{http.MethodPost, "/signin", auth.Public, h.signIn},
		{http.MethodPost, "/signout", auth.SignedIn, h.signOut},
		{http.MethodGet, "/", auth.SignedIn, h.home},

		{http.MethodGet, "/users", auth.UsersView, h.userList},
		{http.MethodGet, "/users/new", auth.UsersManage, h.userNew},
		{http.MethodPost, "/users", auth.UsersManage, h.userCreate},
		{http.MethodGet, "/users/:id/edit", auth.UsersView, h.userEdit},
		{http.MethodPost, "/users/:id", auth.UsersManage, h.userUpdate},
		{http.MethodPost, "/users/:id/roles", auth.UsersManage, h.userRoles},
		{http.MethodPost, "/users/:id/activate", auth.UsersManage, h.userActivate},
		{http.MethodPost, "/users/:id/deactivate", auth.UsersManage, h.userDeactivate},

		// Roles and modules.

		// Users & Groups.
	}
}

// Routes lists the route table, for the test that walks it.
func (h *Handler) Routes() []Route { return h.routes() }
