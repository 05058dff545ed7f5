package store

import (
	"context"
	"fmt"
	"strings"
)

// TreeReportAccount is one row of the User Permission Report of a tenant and
// the tenants below it: an account in one tenant, at home there or a member,
// with its roles there.
type TreeReportAccount struct {
	ReportAccount
	TenantID   int64
	TenantName string
	Home       bool // the tenant is the account's home; else it is a member there
}

// EachTreeReportAccount streams one row per account per tenant, for tenantID
// and every tenant below it (in tree order, then by name): each tenant's home
// accounts and its members, with the roles and sources they hold there,
// filtered as the users table filters (its paging ignored; a role filter
// names one tenant's role, so it keeps that tenant's rows). One query, so
// memory does not grow with the number of accounts; fn's row is reused.
func (s *Store) EachTreeReportAccount(ctx context.Context, tenantID int64, f ReportFilter, fn func(*TreeReportAccount) error) error {
	where, args := treeReportWhere(tenantID, f, s.unix())
	q := downTree + `, people(tid, aid) AS (
			SELECT a.tenant_id, a.id FROM accounts a WHERE a.tenant_id IN (SELECT id FROM down)
			UNION ALL SELECT m.tenant_id, m.account_id FROM tenant_members m WHERE m.tenant_id IN (SELECT id FROM down))
		SELECT ` + listColumns + `, p.tid, t.name, COALESCE((SELECT string_agg(x, ' ') FROM (
			SELECT ar.role_id || ':0' AS x FROM account_roles ar WHERE ar.account_id = a.id AND ar.tenant_id = p.tid AND ` + live("ar", s.unix()) + `
			UNION ALL SELECT gr.role_id || ':' || gm.group_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
			WHERE gm.account_id = a.id AND gm.tenant_id = p.tid AND ` + live("gm", s.unix()) + `) r), '')
		FROM people p JOIN accounts a ON a.id = p.aid JOIN tenants t ON t.id = p.tid JOIN down d ON d.id = p.tid
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY d.path, a.sort_name, a.id`
	rows, err := s.query(ctx, q, append([]any{tenantID}, args...)...)
	if err != nil {
		return fmt.Errorf("store: tree report: %w", err)
	}
	defer rows.Close()
	var ra TreeReportAccount
	for rows.Next() {
		var grants string
		ra.Account = Account{}
		if err := scanListed(rows, &ra.Account, &ra.TenantID, &ra.TenantName, &grants); err != nil {
			return fmt.Errorf("store: tree report: %w", err)
		}
		ra.Home = ra.Account.TenantID == ra.TenantID
		ra.Grants = parseGrants(ra.Grants[:0], grants)
		if err := fn(&ra); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: tree report: %w", err)
	}
	return nil
}

// treeReportWhere is the users table's filter (see filterWhere) judged in
// each row's tenant (p.tid): a member's Admin type counts as Standard there.
func treeReportWhere(tenantID int64, f ReportFilter, now int64) ([]string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	if f.All {
		return where, args
	}
	where = append(where, "a.kind = 'user'")
	for _, t := range queryTerms(f.Query) {
		where = append(where, "EXISTS (SELECT 1 FROM account_terms tt WHERE tt.account_id = a.id AND tt.term >= ? AND tt.term < ?)")
		args = append(args, t, t+"\U0010FFFF")
	}
	if f.AuthMethod != "" {
		where = append(where, "a.auth_method = ?")
		args = append(args, f.AuthMethod)
	}
	// Group (one of tenantID's), activity, domain and creation, on the account.
	where, args = peopleWhere("a", "a.id", tenantID, f.UserFilter, now, where, args)
	admin := "(a.user_type = 'admin' AND a.tenant_id = p.tid)"
	switch {
	case f.Status != "":
		where = append(where, "a.status = ?")
		args = append(args, f.Status)
	case !f.ShowDeactivated:
		where = append(where, "a.status <> 'deactivated'")
	}
	switch f.UserType {
	case "":
	case "admin":
		where = append(where, admin)
	case "standard":
		where = append(where, "(a.user_type = 'standard' OR (a.user_type = 'admin' AND a.tenant_id <> p.tid))")
	default:
		where = append(where, "a.user_type = ?")
		args = append(args, f.UserType)
	}
	holds := holdsRoleAt("a.id", "p.tid", now)
	switch {
	case f.PendingAccess:
		where = append(where, "a.status = 'active' AND NOT "+admin+" AND NOT "+holds)
	case f.RoleID != 0:
		where = append(where, holdsRoleID("a.id", "p.tid", "?", now))
		args = append(args, f.RoleID, f.RoleID)
	case !f.IncludeNoRole:
		where = append(where, "("+admin+" OR "+holds+")")
	}
	return where, args
}

// SubtreeRoles lists the roles of tenantID and of every tenant below it,
// with their permissions: one statement.
func (s *Store) SubtreeRoles(ctx context.Context, tenantID int64) ([]Role, error) {
	return scanRoles(s.query(ctx, downTree+` SELECT `+roleColumns+` FROM roles r
		WHERE r.tenant_id IN (SELECT id FROM down) ORDER BY r.tenant_id, r.id`, tenantID))
}

// SubtreeModules lists the modules of tenantID and of every tenant below it.
func (s *Store) SubtreeModules(ctx context.Context, tenantID int64) ([]Module, error) {
	rows, err := s.query(ctx, downTree+` SELECT id, tenant_id, key, name FROM modules
		WHERE tenant_id IN (SELECT id FROM down) ORDER BY tenant_id, key`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: subtree modules: %w", err)
	}
	defer rows.Close()
	var out []Module
	for rows.Next() {
		var m Module
		if err := rows.Scan(&m.ID, &m.TenantID, &m.Key, &m.Name); err != nil {
			return nil, fmt.Errorf("store: subtree modules: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SubtreeGroupNames maps the group ids of tenantID and every tenant below it to their names.
func (s *Store) SubtreeGroupNames(ctx context.Context, tenantID int64) (map[int64]string, error) {
	return idNames(s.query(ctx, downTree+` SELECT id, name FROM user_groups WHERE tenant_id IN (SELECT id FROM down)`, tenantID))
}
