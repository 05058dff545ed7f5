package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// candidatesShown is how many people a group page's "Add members" search lists.
const candidatesShown = 10

// groupPeople serves the group page's "Add members" search: people of the
// tenant matching pq, each with an Add button, or marked when already in.
func (h *Handler) groupPeople(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	add, err := h.groupCandidates(ctx, p, g, c.QueryParam("pq"))
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, http.StatusOK, views.GroupCandidates(g.ID, g.Name, add))
	}
	vm, err := h.groupPageVM(ctx, p, g, memberQuery{})
	if err != nil {
		return err
	}
	vm.Add = add
	return render(c, http.StatusOK, views.GroupPageView(vm))
}

// groupMemberAdd adds the person whose Add button was pressed (or several
// ticked) to the group through the add-members operation, then shows the
// page again with the search, so the next one can be added.
func (h *Handler) groupMemberAdd(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	params, err := c.FormParams()
	if err != nil {
		return &pageError{status: http.StatusRequestEntityTooLarge, key: "err_too_large"}
	}
	var note views.Status
	if ids, bad := pickedMembers(ctx, params, "ug_err_unknown_account"); bad != nil {
		note = *bad
	} else {
		after, err := h.ops.AddMembers(ctx, by(c), g.ID, ids)
		if note, g, err = memberChangeNote(ctx, g, after, err, true); err != nil {
			return err
		}
	}
	code := http.StatusOK
	if note.Alert {
		code = http.StatusUnprocessableEntity
	}
	pq := params.Get("pq")
	if code == http.StatusOK && !isHTMX(c) {
		return redirect(c, groupPath(g.ID)+"?saved=1")
	}
	vm, err := h.groupPageVM(ctx, p, g, memberQuery{})
	if err != nil {
		return err
	}
	if vm.Add, err = h.groupCandidates(ctx, p, g, pq); err != nil {
		return err
	}
	vm.AddNote = note
	return page(c, code, views.GroupPageView(vm), views.GroupBlock(vm))
}

// groupCandidates searches the tenant's people (as the users table does)
// and marks those already in the group: two queries.
func (h *Handler) groupCandidates(ctx context.Context, p *principal, g store.Group, q string) (views.GroupAdd, error) {
	q = clipRunes(strings.TrimSpace(q), 200)
	add := views.GroupAdd{Query: q}
	if len([]rune(q)) < 2 {
		return add, nil
	}
	add.Searched = true
	pg, err := h.store.ListUsers(ctx, p.Tenant.ID, store.UserFilter{Query: q, IncludeNoRole: true, Sort: "name", Limit: candidatesShown})
	if err != nil {
		return add, err
	}
	var ids []int64
	for _, a := range pg.Accounts {
		ids = append(ids, a.ID)
	}
	in, err := h.store.GroupMembership(ctx, p.Tenant.ID, g.ID, ids)
	if err != nil {
		return add, err
	}
	for _, a := range pg.Accounts {
		add.Rows = append(add.Rows, views.GroupCandidate{ID: a.ID, Name: a.Name(), Email: a.Email, Status: a.Status, Member: in[a.ID]})
	}
	add.More = pg.Next != ""
	return add, nil
}
