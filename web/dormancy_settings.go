package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// previewShown is how many people each part of the preview names.
const previewShown = 50

// dormancyShow serves Settings → Dormancy and expiry.
func (h *Handler) dormancyShow(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	pol, err := h.store.Policy(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	vm := policyForm(pol)
	vm.Saved = c.QueryParam("saved") == "1"
	vm.ExemptSaved = c.QueryParam("saved") == "exempt"
	return h.dormancyPage(c, http.StatusOK, vm)
}

// dormancySave saves the policy through ops.SetPolicy; bad input (not a
// number, out of bounds, deactivation not after the warning) is said
// beside its field (422) and nothing changes.
func (h *Handler) dormancySave(c echo.Context) error {
	ctx := c.Request().Context()
	vm := views.Dormancy{On: c.FormValue("on") == "1", ExemptAdmins: c.FormValue("exempt_admins") == "1",
		ExemptServices: c.FormValue("exempt_services") == "1", ManagedDeactivate: c.FormValue("managed_deactivate") == "1",
		WarnDays:       clipRunes(strings.TrimSpace(c.FormValue("warn_days")), 10),
		DeactivateDays: clipRunes(strings.TrimSpace(c.FormValue("deactivate_days")), 10),
		NoticeDays:     clipRunes(strings.TrimSpace(c.FormValue("reminder_days")), 10)}
	pol := store.Policy{On: vm.On, ExemptAdmins: vm.ExemptAdmins, ExemptServices: vm.ExemptServices, ManagedDeactivate: vm.ManagedDeactivate}
	errs := map[string]string{}
	for _, f := range []struct {
		name, raw string
		to        *int
	}{{"warn_days", vm.WarnDays, &pol.WarnDays}, {"deactivate_days", vm.DeactivateDays, &pol.DeactivateDays},
		{"reminder_days", vm.NoticeDays, &pol.NoticeDays}} {
		n, err := strconv.Atoi(f.raw)
		if err != nil {
			errs[f.name] = i18n.T(ctx, "dormancy_err_number")
		}
		*f.to = n
	}
	if len(errs) == 0 {
		err := h.ops.SetPolicy(ctx, by(c), pol)
		if err == nil {
			return redirect(c, "/settings/dormancy?saved=1")
		}
		e, ok := ops.As(err)
		if !ok || len(e.Fields) == 0 {
			return err
		}
		errs = e.Fields
	}
	vm.Errors = errs
	return h.dormancyPage(c, http.StatusUnprocessableEntity, vm)
}

// dormancyExempt exempts the person named by login or email (exempt=1), or
// ends their exemption (exempt=0), through ops.SetDormancyExempt.
func (h *Handler) dormancyExempt(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	who := clipRunes(strings.TrimSpace(c.FormValue("who")), 254)
	_, err := h.ops.SetDormancyExempt(ctx, by(c), who, c.FormValue("exempt") == "1")
	if err == nil {
		return redirect(c, "/settings/dormancy?saved=exempt")
	}
	e, ok := ops.As(err)
	if !ok || e.Fields["exempt"] == "" {
		return err
	}
	pol, perr := h.store.Policy(ctx, p.Tenant.ID)
	if perr != nil {
		return perr
	}
	vm := policyForm(pol)
	vm.ExemptWho, vm.ExemptError = who, e.Fields["exempt"]
	return h.dormancyPage(c, http.StatusUnprocessableEntity, vm)
}

// policyForm is the saved policy as the form shows it.
func policyForm(pol store.Policy) views.Dormancy {
	return views.Dormancy{On: pol.On, ExemptAdmins: pol.ExemptAdmins, ExemptServices: pol.ExemptServices,
		ManagedDeactivate: pol.ManagedDeactivate, WarnDays: strconv.Itoa(pol.WarnDays),
		DeactivateDays: strconv.Itoa(pol.DeactivateDays), NoticeDays: strconv.Itoa(pol.NoticeDays)}
}

// dormancyPage fills the preview (the sweeper's plan for today, as if the
// saved policy were on; it writes nothing) and the exempted people, and renders.
func (h *Handler) dormancyPage(c echo.Context, status int, vm views.Dormancy) error {
	ctx, p := c.Request().Context(), who(c)
	plan, err := h.ops.PreviewDormancy(ctx, p.Tenant.ID, h.store.Now())
	if err != nil {
		return err
	}
	// Names are for who may view people; the others see how many.
	vm.Names, vm.CanExempt = views.Can(ctx, "users.view"), views.Can(ctx, "users.manage")
	shown := previewShown
	if !vm.Names {
		shown = 0
	}
	vm.Warn, vm.Deactivate, vm.Report = previewList(ctx, plan.Warn, shown), previewList(ctx, plan.Deactivate, shown),
		previewList(ctx, plan.Report, shown)
	if !vm.Names {
		return page(c, status, views.DormancyPage(vm), views.DormancyBlock(vm))
	}
	exempt, total, err := h.store.DormancyExempted(ctx, p.Tenant.ID, previewShown)
	if err != nil {
		return err
	}
	for _, d := range exempt {
		vm.Exempt = append(vm.Exempt, views.DormancyPerson{Name: d.Name, Login: d.Login})
	}
	vm.ExemptMore = total - len(exempt)
	return page(c, status, views.DormancyPage(vm), views.DormancyBlock(vm))
}

// previewList is how many people and the first shown of them.
func previewList(ctx context.Context, people []store.Dormant, shown int) views.DormancyList {
	l := views.DormancyList{Count: len(people)}
	for _, d := range people[:min(len(people), shown)] {
		last := i18n.T(ctx, "never")
		if !d.LastActive.IsZero() {
			last = d.LastActive.In(views.Req(ctx).TZ).Format(time.DateOnly)
		}
		l.People = append(l.People, views.DormancyPerson{Name: d.Name, Login: d.Login, LastActive: last})
	}
	return l
}
