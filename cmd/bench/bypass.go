//go:build bench

package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web"
	"github.com/console-dev/console/web/api"
)

// withBypass: this build has the API's bench-only bypass.
const withBypass = true

var errNoBypass error

// mountBypass adds the API's users handler under /bench-users behind the
// bench-only middleware that skips authentication, acting as admin.
func mountBypass(e *echo.Echo, h *web.Handler, admin store.Account) error {
	for _, rt := range h.API().Routes() {
		if rt.Method == http.MethodGet && rt.Path == "/users" {
			e.GET(api.Base+"/bench-users", rt.Handler, h.API().Bypass(admin, auth.Effective("admin", nil)))
		}
	}
	return nil
}
