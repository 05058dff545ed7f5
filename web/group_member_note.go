package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// pickedMembers reads the people ticked (or the one Add button pressed) on a
// group page; a note says what is wrong with them, else ids is the list.
func pickedMembers(ctx context.Context, params url.Values, noneKey string) ([]int64, *views.Status) {
	ids, bad := parseIDs(params["account_id"])
	switch {
	case bad:
		n := alert(ctx, "ug_err_unknown_account")
		return nil, &n
	case len(ids) == 0:
		n := alert(ctx, noneKey)
		return nil, &n
	case len(ids) > maxPicked:
		return nil, &views.Status{Text: i18n.T(ctx, "ug_err_too_many", map[string]any{"Max": i18n.Num(ctx, maxPicked)}), Alert: true}
	}
	return ids, nil
}

// memberChangeNote turns the answer of adding (added) or removing members
// into what the group page says, and the group as it now is; an unknown
// group is a 404 page.
func memberChangeNote(ctx context.Context, g, after store.Group, err error, added bool) (views.Status, store.Group, error) {
	e, refused := ops.As(err)
	switch {
	case refused:
		return views.Status{Text: i18n.T(ctx, e.Key), Alert: true}, g, nil
	case err == nil:
		n := after.Members - g.Members
		if !added {
			n = -n
		}
		return views.Status{Text: transferMessage(ctx, added, max(n, 0), g.Name)}, after, nil
	case errors.Is(err, store.ErrUnknownAccount):
		return alert(ctx, "ug_err_unknown_account"), g, nil
	case errors.Is(err, store.ErrLastManager):
		return views.Status{Text: i18n.T(ctx, "group_err_last_manager_members", map[string]any{"Name": g.Name}), Alert: true}, g, nil
	case errors.Is(err, store.ErrNotFound):
		return views.Status{}, g, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return views.Status{}, g, err
}
