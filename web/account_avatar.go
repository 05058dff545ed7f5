package web

import (
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/views"
)

// accountAvatar takes an uploaded picture, checks it is what it claims,
// re-encodes it as PNG at most 512 px and stores it under a new random key.
func (h *Handler) accountAvatar(c echo.Context) error {
	ctx := c.Request().Context()
	key := "err_avatar_missing"
	if fh, err := c.FormFile("avatar"); err == nil && fh.Size > 0 {
		key = ""
		if fh.Size > maxAvatarBytes {
			key = "err_avatar_too_large"
		}
		if key == "" {
			f, err := fh.Open()
			if err != nil {
				return err
			}
			png, err := normalizeAvatar(ctx, f, fh.Filename, fh.Header.Get("Content-Type"))
			f.Close()
			var bad *avatarError
			switch {
			case errors.As(err, &bad):
				key = bad.key
			case err != nil:
				return err
			default:
				if _, err := h.ops.SetAvatar(ctx, by(c), png); err != nil {
					return err
				}
				return redirect(c, "/account?done=avatar")
			}
		}
	}
	vm, err := h.accountVM(ctx, c)
	if err != nil {
		return err
	}
	vm.AvatarError = i18n.T(ctx, key)
	return page(c, http.StatusUnprocessableEntity, views.AccountPage(vm), views.AccountBlock(vm))
}

// accountAvatarRemove deletes one's picture; the initials show again.
func (h *Handler) accountAvatarRemove(c echo.Context) error {
	if err := h.ops.RemoveAvatar(c.Request().Context(), by(c)); err != nil {
		return err
	}
	return redirect(c, "/account?done=avatar_removed")
}

var avatarName = regexp.MustCompile(`^[0-9a-f]{32}\.png$`)

// avatarServe answers a picture of the viewer's tenant with a content type the
// server chose, never sniffed, and a policy that lets it run nothing. The key
// changes on every upload, so the picture may be cached.
func (h *Handler) avatarServe(c echo.Context) error {
	name := c.Param("key")
	if !avatarName.MatchString(name) {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	png, err := h.store.Avatar(c.Request().Context(), who(c).Account.TenantID, strings.TrimSuffix(name, ".png"))
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set("Cache-Control", "private, max-age=86400, immutable")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Content-Disposition", `inline; filename="avatar.png"`)
	hd.Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, "image/png", png)
}
