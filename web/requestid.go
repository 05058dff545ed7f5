package web

import (
	"net"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// requestID gives every request an id for the log and the X-Request-Id answer.
// A client's own X-Request-Id is believed only from a trusted proxy (the one
// that stamped it); from anyone else it could forge or collide with another
// request's id in the log, so a fresh one replaces it.
func requestID(trusted []*net.IPNet) echo.MiddlewareFunc {
	stamp := middleware.RequestID()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		inner := stamp(next)
		return func(c echo.Context) error {
			if req := c.Request(); !fromTrustedPeer(req.RemoteAddr, trusted) {
				req.Header.Del(echo.HeaderXRequestID)
			}
			return inner(c)
		}
	}
}

// fromTrustedPeer reports whether the connection's own address (not any
// forwarded one) lies in a trusted proxy network.
func fromTrustedPeer(remoteAddr string, trusted []*net.IPNet) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	for _, n := range trusted {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}
