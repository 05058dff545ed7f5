package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// registerForm is the self-registration form as posted. It has no password:
// whoever registers has not proven the address yet, so the password is
// chosen on the confirmation page by whoever holds the mailbox (a password
// posted anyway is ignored).
type registerForm struct {
	FirstName, LastName, Email string
}

func bindRegisterForm(c echo.Context) registerForm {
	return registerForm{
		FirstName: strings.TrimSpace(c.FormValue("first_name")),
		LastName:  strings.TrimSpace(c.FormValue("last_name")),
		Email:     strings.ToLower(strings.TrimSpace(c.FormValue("email"))),
	}
}

func (f registerForm) validate(ctx context.Context) map[string]string {
	errs := map[string]string{}
	form.Text(ctx, errs, "first_name", f.FirstName, true, 100)
	form.Text(ctx, errs, "last_name", f.LastName, true, 100)
	form.Text(ctx, errs, "email", f.Email, true, 254)
	if errs["email"] == "" && !form.ValidEmail(f.Email) {
		errs["email"] = i18n.T(ctx, "err_email")
	}
	return errs
}

func (f registerForm) vm(t store.Tenant, errs map[string]string) views.RegisterForm {
	return views.RegisterForm{Slug: t.Slug, Tenant: t.Name, FirstName: f.FirstName, LastName: f.LastName,
		Email: f.Email, Errors: errs}
}

// errRegistrationClosed is one answer for an unknown tenant and a tenant
// with registration off, so the page tells nothing about which tenants exist.
var errRegistrationClosed = &pageError{status: http.StatusNotFound, key: "register_unavailable"}

// openRegistration finds the tenant of a registration link, if it takes registrations.
func (h *Handler) openRegistration(ctx context.Context, slug string) (store.Tenant, store.Settings, error) {
	if slug == "" || len(slug) > 100 {
		return store.Tenant{}, store.Settings{}, errRegistrationClosed
	}
	t, err := h.store.TenantBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return t, store.Settings{}, errRegistrationClosed
	}
	if err != nil {
		return t, store.Settings{}, err
	}
	st, err := h.store.Settings(ctx, t.ID)
	if err == nil && (!st.SelfRegistration || t.Blocked) {
		err = errRegistrationClosed // the operations refuse it too
	}
	if err == nil && t.Provisioning == store.ProvisioningExternal {
		// People come from the identity provider in external provisioning:
		// registration is closed there (the operations refuse it too).
		err = errRegistrationClosed
	}
	return t, st, err
}

// registerShow serves the registration form of a tenant that takes registrations.
func (h *Handler) registerShow(c echo.Context) error {
	t, _, err := h.openRegistration(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.RegisterPage(registerForm{}.vm(t, nil)))
}
