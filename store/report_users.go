package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// ReportFilter is what the user permission report covers: the users table's
// filters (its paging ignored), or every account of the tenant when All.
type ReportFilter struct {
	UserFilter
	All bool // every person and service account, whatever their status or roles
}

// Grant is a role an account holds and its source: GroupID 0 for a role given directly.
type Grant struct {
	RoleID  int64
	GroupID int64
}

// ReportAccount is one row of the user permission report.
type ReportAccount struct {
	Account
	Grants []Grant
}

// EachReportAccount streams the tenant's accounts matching f to fn, one query
// for all of them: each row carries its roles and their sources, so memory
// does not grow with the number of accounts. fn's account is reused between
// calls. An error from fn, or ctx ending, stops the query.
func (s *Store) EachReportAccount(ctx context.Context, tenantID int64, f ReportFilter, fn func(*ReportAccount) error) error {
	key, ok := sortKeys[f.Sort]
	if !ok {
		key = sortKeys["name"]
	}
	where, args := reportWhere(tenantID, f, s.unix())
	dir, idDir := "ASC", "ASC"
	if f.Desc {
		dir, idDir = "DESC", "DESC"
	}
	if key.column == "email" { // a missing email first, as in the users table (only email is nullable)
		dir = map[bool]string{false: "ASC NULLS FIRST", true: "DESC NULLS LAST"}[f.Desc]
	}
	q := fmt.Sprintf(`SELECT %s, COALESCE((SELECT string_agg(x, ' ') FROM (
			SELECT ar.role_id || ':0' AS x FROM account_roles ar WHERE ar.account_id = a.id AND ar.tenant_id = a.tenant_id AND `+live("ar", s.unix())+`
			UNION ALL SELECT gr.role_id || ':' || gm.group_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
			WHERE gm.account_id = a.id AND gm.tenant_id = a.tenant_id AND `+live("gm", s.unix())+`) r), '')
		FROM accounts a WHERE %s ORDER BY a.%s %s, a.id %s`, listColumns, strings.Join(where, " AND "), key.column, dir, idDir)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: report: %w", err)
	}
	defer rows.Close()
	var ra ReportAccount
	for rows.Next() {
		var grants string
		ra.Account = Account{}
		if err := scanListed(rows, &ra.Account, &grants); err != nil {
			return fmt.Errorf("store: report: %w", err)
		}
		ra.Grants = parseGrants(ra.Grants[:0], grants)
		if err := fn(&ra); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: report: %w", err)
	}
	return nil
}

// reportWhere is the users table's filter (see ListUsers) over the accounts
// alone; each search word is an indexed lookup of that account's search rows.
func reportWhere(tenantID int64, f ReportFilter, now int64) ([]string, []any) {
	where, args := []string{"a.tenant_id = ?"}, []any{tenantID}
	if f.All {
		return where, args
	}
	where = append(where, "a.kind = 'user'")
	for _, t := range queryTerms(f.Query) {
		where = append(where, "EXISTS (SELECT 1 FROM account_terms tt WHERE tt.account_id = a.id AND tt.term >= ? AND tt.term < ?)")
		args = append(args, t, t+"\U0010FFFF")
	}
	w, a := filterWhere("a", "a.id", tenantID, f.UserFilter, now)
	return append(where, w...), append(args, a...)
}

// parseGrants reads "3:0 5:12" (role:group) into dst.
func parseGrants(dst []Grant, list string) []Grant {
	for _, f := range strings.Fields(list) {
		r, g, _ := strings.Cut(f, ":")
		role, _ := strconv.ParseInt(r, 10, 64)
		group, _ := strconv.ParseInt(g, 10, 64)
		dst = append(dst, Grant{RoleID: role, GroupID: group})
	}
	return dst
}

// GroupNames maps the tenant's group ids to their names, for reports that
// name the group a role comes through.
func (s *Store) GroupNames(ctx context.Context, tenantID int64) (map[int64]string, error) {
	return idNames(s.query(ctx, `SELECT id, name FROM user_groups WHERE tenant_id = ?`, tenantID))
}

// idNames reads a result of (id, name) rows into a map.
func idNames(rows *sql.Rows, err error) (map[int64]string, error) {
	if err != nil {
		return nil, fmt.Errorf("store: group names: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("store: group names: %w", err)
		}
		out[id] = name
	}
	return out, rows.Err()
}
