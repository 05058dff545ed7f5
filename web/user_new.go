package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
)

// userNew opens the create-user form.
func (h *Handler) userNew(c echo.Context) error {
	roles, err := h.store.Roles(c.Request().Context(), who(c).Account.TenantID)
	if err != nil {
		return err
	}
	f := form.User{Language: "browser", TimeZone: "UTC", Currency: "USD", UserType: "standard", AuthMethod: "password", Status: "active"}
	return h.sidebar(c, http.StatusOK, views.UserNewSidebar(formVM(c.Request().Context(), f, roles, nil)))
}

// userCreate creates the account with its roles; errors stand beside their fields.
func (h *Handler) userCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	f := bindUserForm(c)
	f.Activation = true
	errs := f.Validate(ctx, true)
	if !typeChangeAllowed(p, "", f.UserType) {
		errs["user_type"] = views.T(ctx, "err_admin_only")
	}
	if len(errs) == 0 {
		err := h.checkGrant(ctx, p, f.RoleIDs, nil)
		var a store.Account
		if err == nil {
			a, err = h.create(c, f)
		}
		var conflict *store.Conflict
		switch {
		case err == nil:
			return h.afterCreate(c, a, "notice_created")
		case errors.As(err, &conflict):
			field, msg := conflictMessage(ctx, conflict)
			errs[field] = msg
		case errors.Is(err, store.ErrUnknownRole):
			errs["roles"] = views.T(ctx, "err_unknown_role")
		case errors.Is(err, errBeyondGrant):
			errs["roles"] = views.T(ctx, "err_grant_beyond")
		default:
			return err
		}
	}
	roles, err := h.store.Roles(ctx, p.Account.TenantID)
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusUnprocessableEntity, views.UserNewSidebar(formVM(ctx, f, roles, errs)))
}

// create makes the account. A password account made without a password is
// pending: it is mailed an activation link to choose one.
func (h *Handler) create(c echo.Context, f form.User) (store.Account, error) {
	ctx := c.Request().Context()
	n := store.NewAccount{
		Profile: store.Profile{FirstName: f.FirstName, LastName: f.LastName, Email: f.Email, Language: f.Language,
			TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType},
		Login: f.Login, Status: f.Status, AuthMethod: f.AuthMethod, RoleIDs: f.RoleIDs}
	switch {
	case f.AuthMethod != "password":
	case f.Password != "":
		var err error
		if n.PasswordHash, err = h.hasher.Hash(ctx, f.Password); err != nil {
			return store.Account{}, err
		}
	case f.Status == "active":
		link, err := h.inviteLink(ctx, who(c), store.Account{FirstName: f.FirstName, LastName: f.LastName,
			Email: f.Email, Language: f.Language, Origin: "console"})
		if err != nil {
			return store.Account{}, err
		}
		n.Status, n.Link = "pending", &link
	}
	a, err := h.store.CreateAccount(ctx, h.actor(c), n)
	if err == nil && n.Link != nil {
		h.queued()
	}
	return a, err
}

// afterCreate shows the new account's sidebar with a notice, and the table
// refreshed so its row appears; a full page load goes to the sidebar's page.
func (h *Handler) afterCreate(c echo.Context, a store.Account, notice string) error {
	if !isHTMX(c) {
		return redirect(c, "/users/"+strconv.FormatInt(a.ID, 10)+"/edit?saved=1")
	}
	vm, err := h.editVM(c.Request().Context(), who(c), a)
	if err != nil {
		return err
	}
	vm.Notice = notice
	table, err := h.tableFromCurrentURL(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.UserEditSidebar(vm), table)
}
