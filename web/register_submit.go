package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// registration is one registration attempt on its way to the outbox.
type registration struct {
	c      echo.Context
	tenant store.Tenant
	set    store.Settings
	form   registerForm
	admins []store.Account
}

// registerSubmit takes a registration. Whatever happens to the address (new,
// already known, waiting for its verification) the answer is the same page
// after the same work, so nobody learns who has an account. No password is
// taken here: it is chosen when the address is confirmed.
func (h *Handler) registerSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	t, set, err := h.openRegistration(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	f := bindRegisterForm(c)
	if errs := f.validate(ctx); len(errs) > 0 {
		return render(c, http.StatusUnprocessableEntity, views.RegisterPage(f.vm(t, errs)))
	}
	if blocked, wait := h.mailThrottled(c.RealIP(), f.Email); blocked {
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
		vm := f.vm(t, nil)
		vm.Alert = i18n.T(ctx, "register_throttled", map[string]any{"Minutes": max(int(math.Ceil(wait.Minutes())), 1)})
		return render(c, http.StatusTooManyRequests, views.RegisterPage(vm))
	}
	r := registration{c: c, tenant: t, set: set, form: f}
	if r.admins, err = h.store.RegistrationRecipients(ctx, t.ID, set.RegistrationNotify); err != nil {
		return err
	}
	err = h.registerNew(r)
	var conflict *store.Conflict
	if errors.As(err, &conflict) && conflict.Field == "email" {
		err = h.registerKnown(r)
	}
	if err != nil {
		return err
	}
	h.queued()
	return render(c, http.StatusOK, views.RegisterSentPage(views.RegisterSent{Tenant: t.Name, Email: f.Email, Days: set.InviteDays}))
}

// registerNew creates the pending account with its verification link and the
// administrators' notices. A login already taken gets one retry with a suffix.
func (h *Handler) registerNew(r registration) error {
	ctx := r.c.Request().Context()
	lang := views.Req(ctx).Lang
	link, err := h.verifyLink(r, lang)
	if err != nil {
		return err
	}
	notices, err := h.registrationNotices(r, noticeKind(r.set))
	if err != nil {
		return err
	}
	f := r.form
	n := store.NewAccount{Profile: store.Profile{FirstName: f.FirstName, LastName: f.LastName, Email: f.Email,
		Language: lang, Currency: "USD", UserType: "standard"},
		Login: registrationLogin(f.Email), AuthMethod: "password", Link: &link}
	_, err = h.ops.Register(ctx, r.tenant.ID, n, r.c.RealIP(), notices)
	var conflict *store.Conflict
	if errors.As(err, &conflict) && conflict.Field == "login" {
		n.Login = withSuffix(n.Login)
		_, err = h.ops.Register(ctx, r.tenant.ID, n, r.c.RealIP(), notices)
	}
	return err
}

// verifyLink makes the verification link and its email, valid for the
// tenant's invitation days.
func (h *Handler) verifyLink(r registration, lang string) (store.Link, error) {
	ctx := r.c.Request().Context()
	url, link := h.newLink("verify", "/verify/", time.Duration(r.set.InviteDays)*24*time.Hour, 0)
	m, err := compose(ctx, letter{Kind: "verify", To: r.form.Email, Lang: lang, Tenant: r.tenant.Name, URL: url,
		Data: map[string]any{"Name": r.form.name(), "Expires": expiry(lang, link.ExpiresAt)}})
	link.Mail = m
	return link, err
}
