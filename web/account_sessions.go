package web

import "github.com/labstack/echo/v4"

// accountEndOthers signs the person out of every other browser.
func (h *Handler) accountEndOthers(c echo.Context) error {
	if _, err := h.ops.EndOtherSessions(c.Request().Context(), by(c), sessionHash(c)); err != nil {
		return err
	}
	return redirect(c, "/account?done=sessions")
}
