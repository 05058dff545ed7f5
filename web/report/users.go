package report

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// UserPermissions writes the User Permission Report: every account matching
// f with its login, names, email, kind, user type, status, sign-in method,
// last activity, each role with its source, and the permissions and modules
// they add up to. Rows stream from one query; a failed write (a client gone)
// or ctx ending stops it.
func UserPermissions(ctx context.Context, st *store.Store, w io.Writer, format Format, tenantID int64, f store.ReportFilter, o Options) error {
	ctx = o.context(ctx)
	roles, err := st.Roles(ctx, tenantID)
	if err != nil {
		return err
	}
	groups, err := st.GroupNames(ctx, tenantID)
	if err != nil {
		return err
	}
	modules, err := st.Modules(ctx, tenantID)
	if err != nil {
		return err
	}
	acc := newAccess(ctx, roles, modules)
	sh, err := newSheet(format, w, i18n.T(ctx, "rep_users_sheet"), userColumns(ctx))
	if err != nil {
		return err
	}
	cells := make([]string, 12)
	var roleCells []string
	err = st.EachReportAccount(ctx, tenantID, f, func(a *store.ReportAccount) error {
		roleCells = acc.fill(cells, roleCells, a, a.UserType, groups)
		return sh.row(cells)
	})
	if err != nil {
		return err
	}
	return sh.close()
}

// UserPermissionsTree writes the User Permission Report of tenantID and every
// tenant below it (its customers and their sub-tenants): one row per account
// per tenant, its home tenant's people and its members, headed by the
// tenant's name, with the roles held there and what they add up to there (a
// member's Admin type counts as Standard). Rows stream from one query; what
// is kept per tenant (roles, modules) does not grow with the accounts.
func UserPermissionsTree(ctx context.Context, st *store.Store, w io.Writer, format Format, tenantID int64, f store.ReportFilter, o Options) error {
	ctx = o.context(ctx)
	roles, err := st.SubtreeRoles(ctx, tenantID)
	if err != nil {
		return err
	}
	groups, err := st.SubtreeGroupNames(ctx, tenantID)
	if err != nil {
		return err
	}
	modules, err := st.SubtreeModules(ctx, tenantID)
	if err != nil {
		return err
	}
	byTenant := map[int64]*access{}
	for _, r := range roles {
		if byTenant[r.TenantID] == nil {
			byTenant[r.TenantID] = newAccess(ctx, nil, nil)
		}
		byTenant[r.TenantID].roles[r.ID] = r
	}
	for _, m := range modules {
		if byTenant[m.TenantID] == nil {
			byTenant[m.TenantID] = newAccess(ctx, nil, nil)
		}
		byTenant[m.TenantID].modules = append(byTenant[m.TenantID].modules, m)
	}
	cols := append([]column{{i18n.T(ctx, "managed_rep_col_tenant"), 24, false}}, userColumns(ctx)...)
	sh, err := newSheet(format, w, i18n.T(ctx, "rep_users_sheet"), cols)
	if err != nil {
		return err
	}
	cells := make([]string, 13)
	var roleCells []string
	none := newAccess(ctx, nil, nil)
	err = st.EachTreeReportAccount(ctx, tenantID, f, func(a *store.TreeReportAccount) error {
		acc := byTenant[a.TenantID]
		if acc == nil {
			acc = none
		}
		cells[0] = a.TenantName
		roleCells = acc.fill(cells[1:], roleCells, &a.ReportAccount, auth.TypeIn(a.UserType, a.Home), groups)
		return sh.row(cells)
	})
	if err != nil {
		return err
	}
	return sh.close()
}

// userColumns are the report's columns for an account.
func userColumns(ctx context.Context) []column {
	t := func(k string) string { return i18n.T(ctx, k) }
	return []column{
		{t("rep_col_login"), 22, false}, {t("rep_col_first_name"), 16, false}, {t("rep_col_last_name"), 18, false},
		{t("rep_col_email"), 30, false}, {t("rep_col_kind"), 12, false}, {t("rep_col_user_type"), 13, false},
		{t("rep_col_status"), 12, false}, {t("rep_col_signin"), 16, false}, {t("rep_col_last_active"), 22, true},
		{t("rep_col_roles"), 40, false}, {t("rep_col_permissions"), 60, false}, {t("rep_col_modules"), 30, false},
	}
}

// fill writes a's twelve cells (userType as it counts in the row's tenant),
// reusing roleCells, which it returns.
func (acc *access) fill(cells, roleCells []string, a *store.ReportAccount, userType string, groups map[int64]string) []string {
	ctx := acc.ctx
	t := func(k string) string { return i18n.T(ctx, k) }
	roleCells = roleCells[:0]
	for _, g := range a.Grants {
		label := acc.label(g.RoleID)
		if g.GroupID == 0 {
			roleCells = append(roleCells, label+" ("+t("rep_source_direct")+")")
		} else {
			roleCells = append(roleCells, label+" ("+i18n.T(ctx, "rep_source_group", map[string]any{"Group": groups[g.GroupID]})+")")
		}
	}
	perms, mods := acc.effective(userType, a.Grants)
	cells[0], cells[1], cells[2], cells[3] = a.Login, a.FirstName, a.LastName, a.Email
	cells[4], cells[5], cells[6] = t("rep_kind_"+a.Kind), t("type_"+userType), t("status_"+a.Status)
	cells[7], cells[8] = t("auth_"+a.AuthMethod), stamp(ctx, a.LastActiveAt)
	cells[9], cells[10], cells[11] = list(roleCells), perms, mods
	return roleCells
}

// access turns held roles into permission and module cells, remembering each
// combination of user type and roles it has seen (a tenant has few), up to a
// bound so memory stays flat whatever the number of accounts.
type access struct {
	ctx     context.Context
	roles   map[int64]store.Role
	modules []store.Module
	seen    map[string][2]string
}

func newAccess(ctx context.Context, roles []store.Role, modules []store.Module) *access {
	a := &access{ctx: ctx, roles: map[int64]store.Role{}, modules: modules, seen: map[string][2]string{}}
	for _, r := range roles {
		a.roles[r.ID] = r
	}
	return a
}

func (a *access) label(roleID int64) string {
	r := a.roles[roleID]
	return roleLabel(a.ctx, r.BuiltinKey, r.Name)
}

func (a *access) effective(userType string, grants []store.Grant) (perms, modules string) {
	ids := make([]int64, 0, len(grants))
	for _, g := range grants {
		ids = append(ids, g.RoleID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var key strings.Builder
	key.WriteString(userType)
	for _, id := range ids {
		key.WriteByte(' ')
		key.WriteString(strconv.FormatInt(id, 10))
	}
	if v, ok := a.seen[key.String()]; ok {
		return v[0], v[1]
	}
	var union []string
	for _, id := range ids {
		union = append(union, a.roles[id].Permissions...)
	}
	eff := auth.Effective(userType, union)
	var p, m []string
	for _, c := range auth.Catalog {
		if eff.Has(c.Key) {
			p = append(p, permLabel(a.ctx, c.Key))
		}
	}
	for _, mod := range a.modules {
		if userType == "admin" || eff.Has(auth.Module(mod.Key)) {
			m = append(m, mod.Name)
		}
	}
	slices.Sort(m)
	v := [2]string{list(p), list(m)}
	if len(a.seen) < 4096 {
		a.seen[key.String()] = v
	}
	return v[0], v[1]
}
