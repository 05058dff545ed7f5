package web

import (
	"context"
	"net/http"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// accountNotices are the ?done= values My account confirms after a redirect.
var accountNotices = map[string]string{"profile": "account_saved", "avatar": "avatar_saved",
	"avatar_removed": "avatar_removed", "password": "password_changed", "sessions": "sessions_ended"}

// accountShow is My account for the signed-in person.
func (h *Handler) accountShow(c echo.Context) error {
	vm, err := h.accountVM(c.Request().Context(), c)
	if err != nil {
		return err
	}
	vm.Notice = accountNotices[c.QueryParam("done")]
	return page(c, http.StatusOK, views.AccountPage(vm), views.AccountBlock(vm))
}

// accountVM builds My account from the signed-in account: its avatar key,
// its sessions and its access in the tenant acted in.
func (h *Handler) accountVM(ctx context.Context, c echo.Context) (views.Account, error) {
	a := who(c).Account
	vm := views.Account{SSO: a.AuthMethod == "sso", Profile: views.UserForm{ID: a.ID, Login: a.Login, Email: a.Email,
		FirstName: a.FirstName, LastName: a.LastName, Language: a.Language, TimeZone: a.TimeZone, Currency: a.Currency}}
	if a.SCIMManaged {
		pr, err := h.store.Provisioning(ctx, a.TenantID)
		if err != nil {
			return vm, err
		}
		vm.Profile.LockedNames = pr.Mode == store.ProvisioningExternal
	}
	key, err := h.store.AvatarKey(ctx, a.TenantID, a.ID)
	if err != nil {
		return vm, err
	}
	vm.AvatarURL = avatarURL(key)
	list, err := h.store.AccountSessions(ctx, a.TenantID, a.ID)
	if err != nil {
		return vm, err
	}
	if vm.Access, err = h.accessHere(ctx, who(c)); err != nil {
		return vm, err
	}
	this := sessionHash(c)
	for _, s := range list {
		vm.Sessions = append(vm.Sessions, views.SessionRow{Created: s.CreatedAt, LastSeen: s.LastSeenAt, Current: s.IDHash == this})
	}
	return vm, nil
}

// currentSession is the request's signed-in session.
func currentSession(c echo.Context) *sessions.Session {
	s, _ := c.Get(keySession).(*sessions.Session)
	return s
}

// sessionHash is the stored id of the request's session.
func sessionHash(c echo.Context) string { return auth.SessionHash(currentSession(c)) }

// avatarURL is where an avatar is served: its random key, never the account id.
func avatarURL(key string) string {
	if key == "" {
		return ""
	}
	return "/avatars/" + key + ".png"
}
