package store

import (
	"fmt"
	"strings"
)

// The SQL of the users table: its one statement and the WHERE of its branches.

// usersSQL is the users table's one statement: the page's rows (usersInner),
// then their accounts with their roles in the tenant and a member's home
// tenant name.
func usersSQL(tenantID int64, f UserFilter, column string, terms []string, dense bool, cur []any, desc bool, now int64) (string, []any) {
	dir, idDir := usersOrder(column, desc)
	inner, args := usersInner(tenantID, f, column, terms, dense, cur, desc, now)
	// The roles come in the same query, so a page costs one statement: direct
	// role ids in the tenant acted in, and those held through its groups
	// negated; and a member's home tenant, by name.
	// The tenant id is a parameter (three, before the page's), so one
	// prepared statement serves every tenant.
	return fmt.Sprintf(`SELECT %s, p.k, COALESCE((SELECT string_agg(CAST(x AS TEXT), ' ') FROM (SELECT ar.role_id AS x FROM account_roles ar
		WHERE ar.account_id = a.id AND ar.tenant_id = ?
		UNION SELECT -gr.role_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
		WHERE gm.account_id = a.id AND gm.tenant_id = ?) r), ''),
		CASE WHEN a.tenant_id = ? THEN '' ELSE COALESCE((SELECT h.name FROM tenants h WHERE h.id = a.tenant_id), '') END
		FROM (%s) p JOIN accounts a ON a.id = p.id ORDER BY p.k %s, p.id %s`, listColumns, inner, dir, idDir),
		append([]any{tenantID, tenantID, tenantID}, args...)
}

// usersInner is the ids and sort keys of one page (f.Limit+1 rows past the
// cursor): the search rows of the first word when bySearch (not dense), else
// the home accounts and the memberships each walked in index order and
// limited, merged.
func usersInner(tenantID int64, f UserFilter, column string, terms []string, dense bool, cur []any, desc bool, now int64) (string, []any) {
	bySearch := len(terms) > 0 && !dense && sortKeys[f.Sort].inTerms
	dir, idDir := usersOrder(column, desc)
	// branch is the ordered, limited walk of one table x whose account id is
	// id, past the cursor: one walk of an index range, or two merged.
	branch := func(table, x, id string, args []any) (string, []any) {
		where, wargs := listWhere(x, id, tenantID, f, terms, dense, now)
		col := x + "." + column
		distinct := ""
		if x == "t" {
			distinct = "DISTINCT "
		}
		walk := func(c keyset, args []any) (string, []any) {
			w := where
			if c.cond != "" {
				w = append(w[:len(w):len(w)], c.cond)
			}
			return fmt.Sprintf(`SELECT %s%s AS id, %s AS k FROM %s %s WHERE %s ORDER BY k %s, id %s LIMIT ?`,
					distinct, id, col, table, x, strings.Join(w, " AND "), dir, idDir),
				append(append(append(args, wargs...), c.args...), f.Limit+1)
		}
		ranges := keysetWhere(col, id, cur, desc)
		if len(ranges) == 1 {
			return walk(ranges[0], args)
		}
		first, args := walk(ranges[0], args)
		second, args := walk(ranges[1], args)
		return fmt.Sprintf(`SELECT * FROM (SELECT * FROM (%s) r1 UNION ALL SELECT * FROM (%s) r2) r ORDER BY k %s, id %s LIMIT ?`,
			first, second, dir, idDir), append(args, f.Limit+1)
	}
	var inner string
	var args []any
	if bySearch {
		inner, args = branch("account_terms", "t", "t.account_id", nil)
	} else {
		home, args1 := branch("accounts", "a", "a.id", nil)
		members, args2 := branch("tenant_members", "m", "m.account_id", args1)
		inner = fmt.Sprintf(`SELECT * FROM (%s) x1 UNION ALL SELECT * FROM (%s) x2 ORDER BY k %s, id %s LIMIT ?`,
			home, members, dir, idDir)
		args = append(args2, f.Limit+1)
	}
	return inner, args
}

// usersOrder orders the sort key as SQLite does on both databases: a missing
// email (NULL) first ascending, last descending. Only email is nullable, and
// only its indexes are NULLS FIRST: PostgreSQL walks the others' indexes for
// a plain ASC or DESC alone, and sorts the tenant otherwise.
func usersOrder(column string, desc bool) (dir, idDir string) {
	dir, idDir = "ASC", "ASC"
	if desc {
		dir, idDir = "DESC", "DESC"
	}
	if column == "email" {
		dir = map[bool]string{false: "ASC NULLS FIRST", true: "DESC NULLS LAST"}[desc]
	}
	return dir, idDir
}

// listWhere is the WHERE of one branch of the users table: the rows x (home
// accounts "a", memberships "m" or search rows "t") of the tenant, of the
// kind, matching the search words and the filters, past the cursor cur.
func listWhere(x, id string, tenantID int64, f UserFilter, terms []string, dense bool, now int64) (where []string, args []any) {
	where = []string{x + ".tenant_id = ?"}
	args = append(args, tenantID)
	switch f.Kind {
	case "any":
	case "service":
		where = append(where, x+".kind = 'service'")
	default:
		where = append(where, x+".kind = 'user'")
	}
	for i, t := range terms {
		switch {
		case i == 0 && x == "t":
			where = append(where, "t.term >= ? AND t.term < ?")
			args = append(args, t, t+"\U0010FFFF")
			continue
		case dense:
			where = append(where, "EXISTS (SELECT 1 FROM account_terms tt WHERE tt.account_id = "+id+" AND tt.term >= ? AND tt.term < ?)")
			args = append(args, t, t+"\U0010FFFF")
			continue
		}
		where = append(where, id+" IN (SELECT account_id FROM account_terms WHERE tenant_id = ? AND term >= ? AND term < ?)")
		args = append(args, tenantID, t, t+"\U0010FFFF")
	}
	w, a := filterWhere(x, id, tenantID, f, now)
	where, args = append(where, w...), append(args, a...)
	return where, args
}

// keyset is one index range of the rows past a cursor.
type keyset struct {
	cond string
	args []any
}

// keysetWhere is where the rows after the cursor cur (key value, id) are, in
// the order (key, id) ascending or desc: one range, or none for the first
// page. Only email may be missing (NULL, first ascending, its cursor value
// ""): past a missing one come the rest of the missing ones, then every
// address (ascending), or only the rest of the missing ones (descending);
// past an address, descending, come the lower ones and then the missing
// ones: two ranges, each an index walk, merged by the caller.
func keysetWhere(key, id string, cur []any, desc bool) []keyset {
	if cur == nil {
		return []keyset{{}}
	}
	op := ">"
	if desc {
		op = "<"
	}
	after := keyset{fmt.Sprintf("(%s, %s) %s (?, ?)", key, id, op), cur}
	if !strings.HasSuffix(key, ".email") {
		return []keyset{after}
	}
	switch v, _ := cur[0].(string); {
	case v == "" && desc:
		return []keyset{{fmt.Sprintf("%s IS NULL AND %s < ?", key, id), cur[1:]}}
	case v == "":
		return []keyset{{fmt.Sprintf("%s IS NULL AND %s > ?", key, id), cur[1:]}, {key + " IS NOT NULL", nil}}
	case desc:
		return []keyset{after, {key + " IS NULL", nil}}
	}
	return []keyset{after}
}

// filterWhere is the SQL of a users filter's status, type, sign-in method, role and access
// conditions, on the rows x (accounts "a" or search rows "t") whose account
// id is the expression id: the table and the report filter alike.
func filterWhere(x, id string, tenantID int64, f UserFilter, now int64) (where []string, args []any) {
	switch {
	case f.Status != "":
		where = append(where, x+".status = ?")
		args = append(args, f.Status)
	case !f.ShowDeactivated:
		where = append(where, x+".status <> 'deactivated'")
	}
	if f.UserType != "" {
		where = append(where, x+".user_type = ?")
		args = append(args, f.UserType)
	}
	if f.AuthMethod != "" {
		// Only accounts carry it (it never changes, so the search and
		// membership rows need no copy): the row's account, by its key.
		if x == "a" {
			where = append(where, "a.auth_method = ?")
		} else {
			where = append(where, "(SELECT am.auth_method FROM accounts am WHERE am.id = "+id+") = ?")
		}
		args = append(args, f.AuthMethod)
	}
	where, args = peopleWhere(x, id, tenantID, f, now, where, args)
	if f.PendingAccess {
		f.IncludeNoRole = true
		where = append(where, x+".status = 'active' AND "+x+".user_type <> 'admin'")
		if x == "t" {
			where = append(where, "t.has_role = 0")
		} else {
			where = append(where, "NOT "+fmt.Sprintf(holdsRole, id, "?"))
			args = append(args, tenantID, tenantID)
		}
	}
	if f.RoleID != 0 {
		where = append(where, holdsRoleID(id, "?", "?", now))
		args = append(args, tenantID, f.RoleID, tenantID, f.RoleID)
	} else if !f.IncludeNoRole && x == "t" {
		where = append(where, "(t.user_type = 'admin' OR t.has_role = 1)")
	} else if !f.IncludeNoRole {
		where = append(where, "("+x+".user_type = 'admin' OR "+fmt.Sprintf(holdsRole, id, "?")+")")
		args = append(args, tenantID, tenantID)
	}
	return where, args
}
