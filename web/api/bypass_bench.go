//go:build bench

package api

import (
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// Bypass acts as acct with perms without any key. It exists only in a build
// tagged bench (make bench): the benchmark serves the same handlers behind it
// to measure what authentication costs. A production binary has no way in
// without a key.
func (a *API) Bypass(acct store.Account, perms auth.Perms) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			withLanguage(c)
			c.Set(keyCaller, &caller{Account: acct, Perms: perms})
			return next(c)
		}
	}
}
