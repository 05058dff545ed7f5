//go:build !bench

package main

import (
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web"
)

// withBypass: a build without the bench tag lacks the API's bench-only
// bypass of authentication, which the no-auth leg needs.
const withBypass = false

var errNoBypass = errors.New("bench: the no-auth leg needs a build tagged bench: go run -tags bench ./cmd/bench (make bench)")

func mountBypass(*echo.Echo, *web.Handler, store.Account) error { return errNoBypass }
