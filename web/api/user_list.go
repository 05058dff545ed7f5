package api

import (
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
	f := store.UserFilter{Query: c.QueryParam("q"), Status: c.QueryParam("status"), Kind: c.QueryParam("kind"),
		Limit: limit, After: c.QueryParam("cursor"), IncludeNoRole: true, ShowDeactivated: true}
	errs := map[string]string{}
	if !slices.Contains([]string{"", "pending", "active", "deactivated"}, f.Status) {
		errs["status"] = i18n.T(ctx, "err_choice")
	}
	f.AuthMethod = c.QueryParam("auth")
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
	// The people filters, parsed as the console's table parses them (a
	// day is a UTC day here); another tenant's group matches nobody.
	people, bad := query.ParsePeople(c.QueryParams())
	for k, v := range userFilterErrors(ctx, bad) {
		errs[k] = v
	}
	people.ApplyPeople(&f)
	if len(errs) > 0 {
		return invalid(errs)
	}
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
