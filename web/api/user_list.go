package api

import (
	"context"
	"net/url"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/query"
)

// userList pages the tenant's accounts: q searches names, login and email;
// status, kind, auth (sign-in method), group, inactive, domain, created_from
// and created_to filter; cursor continues. Two queries per page whatever its size.
func (a *API) userList(c echo.Context) error {
	ctx := c.Request().Context()
	limit, err := queryLimit(c)
	if err != nil {
		return err
	}
	f, errs := usersFilter(ctx, c.QueryParams())
	if len(errs) > 0 {
		return invalid(errs)
	}
	f.Limit, f.After = limit, c.QueryParam("cursor")
	p, err := a.store.ListUsers(ctx, tenant(c), f)
	if err != nil {
		return err
	}
	ids := make([]int64, len(p.Accounts))
	for i, acct := range p.Accounts {
		ids[i] = acct.ID
	}
	held, err := a.store.HeldRolesOf(ctx, tenant(c), ids)
	if err != nil {
		return err
	}
	items := make([]userJSON, len(p.Accounts))
	for i, acct := range p.Accounts {
		items[i] = toUser(acct, held[acct.ID])
	}
	return reply(c, 200, newPage(items, p.Next))
}

// usersFilter reads the filters of GET /users (and of a job's "filter"):
// q, status, kind, auth and the people filters, parsed as the console's
// table parses them (a day is a UTC day here); another tenant's group
// matches nobody. errs names each bad parameter.
func usersFilter(ctx context.Context, v url.Values) (store.UserFilter, map[string]string) {
	f := store.UserFilter{Query: v.Get("q"), Status: v.Get("status"), Kind: v.Get("kind"), AuthMethod: v.Get("auth"),
		IncludeNoRole: true, ShowDeactivated: true}
	errs := map[string]string{}
	if !slices.Contains([]string{"", "pending", "active", "deactivated"}, f.Status) {
		errs["status"] = i18n.T(ctx, "err_choice")
	}
	if !slices.Contains([]string{"", "password", "sso"}, f.AuthMethod) {
		errs["auth"] = i18n.T(ctx, "err_choice")
	}
	switch f.Kind {
	case "":
		f.Kind = "any"
	case "user", "service":
	default:
		errs["kind"] = i18n.T(ctx, "err_choice")
	}
	if len(f.Query) > 200 {
		errs["q"] = i18n.T(ctx, "err_too_long", map[string]any{"Max": 200})
	}
	people, bad := query.ParsePeople(v)
	for k, msg := range userFilterErrors(ctx, bad) {
		errs[k] = msg
	}
	people.ApplyPeople(&f)
	return f, errs
}

// userGet shows one account of the tenant; another tenant's id is a 404.
func (a *API) userGet(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := a.user(c.Request().Context(), tenant(c), id)
	if err != nil {
		return err
	}
	return reply(c, 200, u)
}
