package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/views"
)

// groupUpdate renames or describes a group. Everything shows groups by id,
// so the new name appears everywhere at once, history included.
func (h *Handler) groupUpdate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	f := bindGroupForm(c)
	errs := f.validate(ctx)
	if len(errs) == 0 {
		updated, err := h.ops.UpdateGroup(ctx, by(c), g.ID, f.Name, f.Description)
		if err == nil {
			if !isHTMX(c) {
				return redirect(c, groupPath(g.ID)+"?saved=1")
			}
			vm, err := h.groupPageVM(ctx, p, updated, memberQuery{})
			if err != nil {
				return err
			}
			vm.Notice = i18n.T(ctx, "group_notice_saved")
			return render(c, http.StatusOK, views.GroupBlock(vm))
		}
		if err := f.saveError(ctx, err, errs); err != nil {
			return err
		}
	}
	vm, err := h.groupPageVM(ctx, p, g, memberQuery{})
	if err != nil {
		return err
	}
	vm.Form = f.vm(errs)
	return page(c, http.StatusUnprocessableEntity, views.GroupPageView(vm), views.GroupBlock(vm))
}
