package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
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
		errs["groups"] = views.T(ctx, "err_unknown_group")
	}
	if !typeChangeAllowed(p, "", f.UserType) {
		errs["user_type"] = views.T(ctx, "err_admin_only")
	}
	if len(errs) == 0 {
		a, err := h.invite(c, f, contact, groups)
		var conflict *store.Conflict
		switch {
		case err == nil:
			h.queued()
			return h.afterCreate(c, a, "notice_invited")
		case errors.As(err, &conflict):
			errs["email"] = views.T(ctx, "err_email_taken")
		case errors.Is(err, store.ErrUnknownRole):
			errs["roles"] = views.T(ctx, "err_unknown_role")
		case errors.Is(err, store.ErrNotFound):
			errs["groups"] = views.T(ctx, "err_unknown_group")
		case errors.Is(err, errBeyondGrant):
			errs["roles"] = views.T(ctx, "err_grant_beyond")
		case errors.Is(err, errGroupsForbidden):
			errs["groups"] = views.T(ctx, "err_groups_manage")
		case errors.Is(err, errGroupsBeyondGrant):
			errs["groups"] = views.T(ctx, "err_grant_beyond")
		default:
			return err
		}
	}
	vm, err := h.inviteVM(ctx, p, f, contact, groups, errs)
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusUnprocessableEntity, views.InviteSidebar(vm))
}

func (h *Handler) invite(c echo.Context, f form.User, contact string, groups []int64) (store.Account, error) {
	ctx, p := c.Request().Context(), who(c)
	if err := h.checkGrant(ctx, p, f.RoleIDs, nil); err != nil {
		return store.Account{}, err
	}
	if err := h.groupsGrantable(ctx, p, groups); err != nil {
		return store.Account{}, err
	}
	n := store.NewAccount{Profile: store.Profile{FirstName: f.FirstName, LastName: f.LastName, Email: f.Email,
		Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType},
		Login: f.Login, Status: "pending", AuthMethod: "password", RoleIDs: f.RoleIDs, Origin: "invitation", GroupIDs: groups}
	link, err := h.inviteLink(ctx, p, store.Account{FirstName: f.FirstName, LastName: f.LastName, Email: f.Email,
		Language: f.Language, Origin: "invitation"})
	if err != nil {
		return store.Account{}, err
	}
	n.Link = &link
	a, err := h.store.CreateAccount(ctx, h.actor(c), n)
	var conflict *store.Conflict
	if errors.As(err, &conflict) && conflict.Field == "login" {
		n.Login = suffixed(n.Login)
		a, err = h.store.CreateAccount(ctx, h.actor(c), n)
	}
	if err != nil {
		return a, err
	}
	return h.setContactEmail(c, a, contact)
}

// inviteLogin derives an invited person's login from their email.
func inviteLogin(email string) string {
	if len(email) <= 64 {
		return email
	}
	local, _, _ := strings.Cut(email, "@")
	return local[:min(len(local), 56)]
}

// suffixed makes another login from one that is taken.
func suffixed(login string) string {
	token, _ := auth.NewLinkToken()
	return login[:min(len(login), 56)] + "-" + strings.ToLower(token[:6])
}

func (h *Handler) inviteVM(ctx context.Context, p *principal, f form.User, contact string, groups []int64, errs map[string]string) (views.InviteForm, error) {
	roles, err := h.store.Roles(ctx, p.Account.TenantID)
	if err != nil {
		return views.InviteForm{}, err
	}
	settings, err := h.store.Settings(ctx, p.Account.TenantID)
	if err != nil {
		return views.InviteForm{}, err
	}
	vm := views.InviteForm{Email: f.Email, FirstName: f.FirstName, LastName: f.LastName, Language: f.Language,
		UserType: f.UserType, ContactEmail: contact, Roles: roleOptions(ctx, roles, f.RoleIDs), Days: settings.InviteDays, Errors: errs}
	if !p.Perms.Has(auth.GroupsManage) {
		return vm, nil
	}
	all, err := h.store.Groups(ctx, p.Account.TenantID, "", "", 0, 200)
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
