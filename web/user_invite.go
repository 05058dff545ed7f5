package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userInviteForm opens the Invite User form.
func (h *Handler) userInviteForm(c echo.Context) error {
	vm, err := h.inviteVM(c.Request().Context(), who(c), form.User{Language: "browser", UserType: "standard"}, "", nil, nil)
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusOK, views.InviteSidebar(vm))
}

// userInvite creates a pending account with its roles and groups and mails it
// an invitation link, in one transaction; the person chooses a password.
func (h *Handler) userInvite(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	f := bindUserForm(c)
	f.Login, f.TimeZone, f.Currency, f.AuthMethod, f.Status, f.Password = inviteLogin(f.Email), "UTC", "USD", "password", "active", ""
	f.Activation = true
	contact := strings.ToLower(strings.TrimSpace(c.FormValue("contact_email")))
	groups, badGroup := postedIDs(c, "group")
	errs := f.Validate(ctx, true)
	delete(errs, "login") // derived from the email, whose own message says what is wrong
	if msg := contactEmailMessage(ctx, contact); msg != "" {
		errs["contact_email"] = msg
	}
	if badGroup {
		errs["groups"] = i18n.T(ctx, "err_unknown_group")
	}
	if len(errs) == 0 {
		a, err := h.ops.Invite(ctx, by(c), f, groups, contact)
		var conflict *store.Conflict
		switch {
		case err == nil:
			return h.afterCreate(c, a, "notice_invited")
		case errors.As(err, &conflict):
			errs["email"] = h.emailTaken(ctx, p, f.Email)
		case errors.Is(err, store.ErrNotFound):
			errs["groups"] = i18n.T(ctx, "err_unknown_group")
		default:
			if errs, err = userFieldErrors(ctx, err); err != nil {
				return err
			}
		}
	}
	vm, err := h.inviteVM(ctx, p, f, contact, groups, errs)
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusUnprocessableEntity, views.InviteSidebar(vm))
}

// inviteLogin derives an invited person's login from their email.
func inviteLogin(email string) string {
	if len(email) <= 64 {
		return email
	}
	local, _, _ := strings.Cut(email, "@")
	return local[:min(len(local), 56)]
}

func (h *Handler) inviteVM(ctx context.Context, p *principal, f form.User, contact string, groups []int64, errs map[string]string) (views.InviteForm, error) {
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return views.InviteForm{}, err
	}
	settings, err := h.store.Settings(ctx, p.Tenant.ID)
	if err != nil {
		return views.InviteForm{}, err
	}
	vm := views.InviteForm{Email: f.Email, FirstName: f.FirstName, LastName: f.LastName, Language: f.Language,
		UserType: f.UserType, ContactEmail: contact, Roles: roleOptions(ctx, roles, f.RoleIDs), Days: settings.InviteDays, Errors: errs}
	if !p.Perms.Has(auth.GroupsManage) {
		return vm, nil
	}
	all, err := h.store.Groups(ctx, p.Tenant.ID, "", "", 0, 200)
	if err != nil {
		return vm, err
	}
	for _, g := range all {
		checked := false
		for _, id := range groups {
			checked = checked || id == g.ID
		}
		vm.Groups = append(vm.Groups, views.Option{Value: strconv.FormatInt(g.ID, 10), Label: g.Name, Checked: checked})
	}
	return vm, nil
}

// postedIDs reads repeated id fields; a value that is not an id is reported.
func postedIDs(c echo.Context, name string) ([]int64, bool) {
	params, err := c.FormParams()
	if err != nil {
		return nil, true
	}
	return parseIDs(params[name])
}
