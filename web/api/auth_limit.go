package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// limitedAuthenticate authenticates the Authorization header under the rate
// limits. An address past its failed authentications is refused before any
// key lookup, so guessing keys costs the guesser, not the database. A good
// key then draws on its account's budget (shared by all the account's keys,
// so more keys buy no more requests) and on its address's.
func (a *API) limitedAuthenticate(c echo.Context, header string) (*caller, error) {
	addr := c.RealIP()
	if over, wait := a.fails.blocked(addr); over {
		return nil, &Problem{Status: http.StatusTooManyRequests, Key: "api_err_rate_auth", RetryAfter: wait}
	}
	cl, err := a.authenticate(c.Request().Context(), header)
	if errors.Is(err, errNoKey) {
		a.fails.allow(addr)
	}
	if err != nil {
		return nil, err
	}
	if ok, wait := a.limits.allow(strconv.FormatInt(cl.Account.ID, 10)); !ok {
		return nil, &Problem{Status: http.StatusTooManyRequests, Key: "api_err_rate", RetryAfter: wait}
	}
	if ok, wait := a.byAddr.allow(addr); !ok {
		return nil, &Problem{Status: http.StatusTooManyRequests, Key: "api_err_rate_addr", RetryAfter: wait}
	}
	return cl, nil
}
