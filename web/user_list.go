package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/query"
)

// usersQuery is the users table's state as it lives in the URL; the API's
// report parses its query with the same code.
type usersQuery = query.Users

func parseUsersQuery(v url.Values) usersQuery {
	q, _ := query.ParseUsers(v)
	return q
}

// userList serves /users: the whole page, or the table alone when htmx asks for it.
func (h *Handler) userList(c echo.Context) error {
	q, bad := query.ParseUsers(c.QueryParams())
	vm, err := h.usersVM(c.Request().Context(), who(c), q)
	if err != nil {
		return err
	}
	filterErrors(c.Request().Context(), &vm, c.QueryParams(), bad)
	if isHTMX(c) && hxTarget(c) == "users-table" {
		// The address bar shows the canonical URL, without empty filters.
		c.Response().Header().Set("HX-Push-Url", vm.URL)
		return render(c, http.StatusOK, views.UsersTableSwap(vm))
	}
	return page(c, http.StatusOK, views.UsersPage(vm), views.UsersBlock(vm))
}

// usersVM builds the table in a constant number of queries: the page, the
// roles of its rows, the tenant's roles.
func (h *Handler) usersVM(ctx context.Context, p *principal, q usersQuery) (views.Users, error) {
	q.Zone = views.Req(ctx).TZ
	f := q.Filter()
	pg, err := h.store.ListUsers(ctx, p.Tenant.ID, f)
	if err == store.ErrBadCursor {
		q.After, q.Before, q.At = "", "", 0
		f.After, f.Before = "", ""
		pg, err = h.store.ListUsers(ctx, p.Tenant.ID, f)
	}
	if err != nil {
		return views.Users{}, err
	}
	// The roles and the group filter's groups come in one statement.
	roles, groups, err := h.store.FilterChoices(ctx, p.Tenant.ID, groupLimit)
	if err != nil {
		return views.Users{}, err
	}
	vm := views.Users{Filter: q.Users, Sorts: map[string]views.SortLink{}}
	for _, g := range groups {
		vm.Groups = append(vm.Groups, views.Option{Value: strconv.FormatInt(g.ID, 10), Label: g.Name})
	}
	if vm.Hidden.Deactivated, vm.Hidden.NoRole, err = h.store.Hidden(ctx, p.Tenant.ID, f, views.HiddenLimit); err != nil {
		return views.Users{}, err
	}
	if vm.Hidden.Deactivated > 0 || vm.Hidden.NoRole > 0 {
		all := q
		all.After, all.Before, all.At = "", "", 0
		all.NoRole = all.NoRole || vm.Hidden.NoRole > 0
		all.Deactivated = all.Deactivated || vm.Hidden.Deactivated > 0
		vm.Hidden.URL = all.URL("/users")
	}
	vm.External = p.external()
	vm.TreeReport = p.Customers && p.Perms.Has(auth.ReportsView)
	byID := map[int64]store.RoleRef{}
	for _, r := range roles {
		vm.Roles = append(vm.Roles, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: roleLabel(ctx, r.BuiltinKey, r.Name)})
		byID[r.ID] = store.RoleRef{ID: r.ID, BuiltinKey: r.BuiltinKey, Name: r.Name}
	}
	for _, a := range pg.Accounts {
		var held []store.RoleRef
		for _, id := range pg.RoleIDs[a.ID] {
			held = append(held, byID[id])
		}
		for _, id := range pg.Inherited[a.ID] {
			ref := byID[id]
			ref.Inherited = true
			held = append(held, ref)
		}
		r := userRow(ctx, a, held, p.Account.ID, p.locks(a), h.store.Now())
		r.Home = pg.Homes[a.ID]
		vm.Rows = append(vm.Rows, r)
	}
	for _, col := range []string{"name", "email", "last_active", "created"} {
		s := q
		s.After, s.Before, s.At = "", "", 0
		active := q.Sort == col
		s.Sort, s.Desc = col, !active && col == "last_active" || active && !q.Desc
		vm.Sorts[col] = views.SortLink{URL: s.URL("/users"), Active: active, Desc: q.Desc}
	}
	if pg.Prev == "" {
		q.At = 0 // the first page, however the URL counted
	}
	if pg.Next != "" {
		n := q
		n.After, n.Before, n.At = pg.Next, "", q.At+len(pg.Accounts)
		vm.NextURL = n.URL("/users")
	}
	if pg.Prev != "" {
		n := q
		n.After, n.Before, n.At = "", pg.Prev, max(q.At-q.Size, 1)
		vm.PrevURL = n.URL("/users")
	}
	if len(pg.Accounts) > 0 {
		vm.RangeFrom, vm.RangeTo = q.At+1, q.At+len(pg.Accounts)
		c := q
		c.After, c.Before, c.At = "", "", 0
		vm.CountURL = c.URL("/users/count")
	}
	vm.AddExisting = p.Account.TenantID != p.Tenant.ID // the actor's home is above: its people can come down
	vm.ClearURL = "/users"
	vm.URL = q.URL("/users")
	return vm, nil
}

// userRow is an account's row at now; locked: the tenant's identity provider
// manages it (principal.locks).
func userRow(ctx context.Context, a store.Account, roles []store.RoleRef, self int64, locked bool, now time.Time) views.UserRow {
	r := views.UserRow{ID: a.ID, Name: a.Name(), Login: a.Login, Email: a.Email, UserType: a.UserType,
		ExpiresAt: a.ExpiresAt, Expired: a.Expired(now),
		Status: a.Status, LastActive: a.LastActiveAt, LastSignIn: a.LastSignInAt, Created: a.CreatedAt, Self: a.ID == self, SCIM: locked,
		SSO: a.AuthMethod == "sso", SSOLinked: a.SSOSubject != ""}
	for _, role := range roles {
		if role.Inherited {
			r.InheritedRoles = append(r.InheritedRoles, roleLabel(ctx, role.BuiltinKey, role.Name))
		} else {
			r.Roles = append(r.Roles, roleLabel(ctx, role.BuiltinKey, role.Name))
		}
	}
	return r
}

// roleLabel translates built-in role names; a tenant's own roles keep theirs.
func roleLabel(ctx context.Context, builtinKey, name string) string {
	if builtinKey != "" {
		return i18n.T(ctx, "role_"+builtinKey)
	}
	return name
}

// tableFromCurrentURL re-renders the users table as the page shows it (htmx
// sends the page's URL), to swap out of band after a change.
func (h *Handler) tableFromCurrentURL(c echo.Context) (templ.Component, error) {
	u := currentURL(c)
	if u.Path != "/users" {
		u = &url.URL{Path: "/users"}
	}
	vm, err := h.usersVM(c.Request().Context(), who(c), parseUsersQuery(u.Query()))
	if err != nil {
		return nil, err
	}
	return views.UsersTableOOB(vm), nil
}

// userCount answers the table's "of N" as a fragment, asked for after the
// page is shown: a count bounded at countBound, so a page never waits for it
// and a tenant of 100,000 costs no more than one of 10,000.
func (h *Handler) userCount(c echo.Context) error {
	q := parseUsersQuery(c.QueryParams())
	q.Zone = views.Req(c.Request().Context()).TZ
	n, more, err := h.store.CountUsers(c.Request().Context(), who(c).Tenant.ID, q.Filter(), countBound)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.UsersCount(n, more))
}

// countBound is where the users table stops counting ("of more than 10,000").
const countBound = 10000

// groupLimit is how many groups the group filter lists (by name); a group
// the URL names beyond it is still applied.
const groupLimit = 500
