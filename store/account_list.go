package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// UserFilter is what the users table asks for; it lives in the page's URL.
type UserFilter struct {
	Query           string
	Kind            string // "" or user: people; service: applications; any: both
	Status          string // "", pending, active, deactivated
	UserType        string // "", admin, standard, read_only
	RoleID          int64
	IncludeNoRole   bool
	PendingAccess   bool // active people holding no role: waiting for an administrator
	ShowDeactivated bool
	Sort            string // name, email, last_active, created
	Desc            bool
	Limit           int
	After           string // cursor: the page after this row
	Before          string // cursor: the page before this row
}

// UserPage is one keyset page of the users table. Its accounts carry the
// fields a list shows (listColumns), not settings or the password hash.
type UserPage struct {
	Accounts []Account
	RoleIDs  map[int64][]int64 // each account's direct roles in the tenant
	// Inherited are the roles an account holds only through its groups.
	Inherited map[int64][]int64
	// Homes names the home tenant of each member on the page (a person
	// pushed down from an ancestor); home people are not in it.
	Homes map[int64]string
	Next  string // cursor for the next page, "" at the end
	Prev  string // cursor for the previous page, "" at the start
}

// sortKeys are the columns a page can be sorted on; all but last_active are
// also kept on the search rows (last activity changes too often to copy).
var sortKeys = map[string]struct {
	column  string
	numeric bool
	inTerms bool
}{
	"name":        {"sort_name", false, true},
	"email":       {"email", false, true},
	"last_active": {"last_active_at", true, false}, // memberships keep it too (00012)
	"created":     {"created_at", true, true},
}

// ListUsers returns one page of a tenant's people in one query, whatever the
// page size or the number of accounts: keyset paging on an indexed sort key.
// The page holds the tenant's home people and its members (people of an
// ancestor pushed down): each is walked in index order, limited to a page,
// and the two ordered branches are merged, so members cost one more index
// walk, not a sort of them all. A search filters, sorts and pages on the
// matching search rows, which exist per tenant for home people and members
// alike, so it reads only one page of accounts however many people match.
func (s *Store) ListUsers(ctx context.Context, tenantID int64, f UserFilter) (UserPage, error) {
	key, ok := sortKeys[f.Sort]
	if !ok {
		f.Sort, key = "name", sortKeys["name"]
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	terms := queryTerms(f.Query)
	// The rows the filters and the sort read: the search rows of the first
	// word when it matches few enough of them to sort, else the accounts and
	// the memberships, walked in index order (a common prefix fills a page
	// within a few rows).
	dense := false
	if len(terms) > 0 && key.inTerms {
		var err error
		if dense, err = s.denseTerm(ctx, tenantID, terms[0]); err != nil {
			return UserPage{}, err
		}
	}
	backward := f.Before != "" && f.After == ""
	cursor := f.After
	if backward {
		cursor = f.Before
	}
	var cur []any
	if cursor != "" {
		v, cid, err := decodeCursor(cursor, key.numeric)
		if err != nil {
			return UserPage{}, err
		}
		cur = []any{v, cid}
	}
	desc := f.Desc != backward // walking backwards reverses the order
	q, args := usersSQL(tenantID, f, key.column, terms, dense, cur, desc)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return UserPage{}, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	var accounts []Account
	var keys []string
	roles, inherited, homes := map[int64][]int64{}, map[int64][]int64{}, map[int64]string{}
	for rows.Next() {
		var a Account
		var key any
		var roleList, home string
		if err := scanListed(rows, &a, &key, &roleList, &home); err != nil {
			return UserPage{}, fmt.Errorf("store: list users: %w", err)
		}
		roles[a.ID], inherited[a.ID] = splitRoles(roleList)
		if a.TenantID != tenantID {
			homes[a.ID] = home
			if a.UserType == "admin" {
				a.UserType = "standard" // a home Admin acts as Standard here (auth.TypeIn)
			}
		}
		accounts = append(accounts, a)
		keys = append(keys, encodeCursor(key, a.ID))
	}
	if err := rows.Err(); err != nil {
		return UserPage{}, fmt.Errorf("store: list users: %w", err)
	}
	more := len(accounts) > f.Limit
	if more {
		accounts, keys = accounts[:f.Limit], keys[:f.Limit]
	}
	if backward {
		slices.Reverse(accounts)
		slices.Reverse(keys)
	}
	p := UserPage{Accounts: accounts, RoleIDs: roles, Inherited: inherited, Homes: homes}
	if len(keys) == 0 {
		return p, nil
	}
	if more || backward {
		p.Next = keys[len(keys)-1]
	}
	if (backward && more) || (!backward && cursor != "") {
		p.Prev = keys[0]
	}
	return p, nil
}

// usersSQL is the users table's one statement: the search rows of the first
// word when bySearch (not dense), else the home accounts and the memberships
// each walked in index order and limited, merged; then the page's accounts
// with their roles in the tenant and a member's home tenant name.
func usersSQL(tenantID int64, f UserFilter, column string, terms []string, dense bool, cur []any, desc bool) (string, []any) {
	bySearch := len(terms) > 0 && !dense && sortKeys[f.Sort].inTerms
	dir := "ASC"
	if desc {
		dir = "DESC"
	}
	// branch is the ordered, limited walk of one table x whose account id is id.
	branch := func(table, x, id string, args []any) (string, []any) {
		where, args := listWhere(x, id, tenantID, f, terms, dense, column, cur, desc, args)
		col := x + "." + column
		distinct := ""
		if x == "t" {
			distinct = "DISTINCT "
		}
		return fmt.Sprintf(`SELECT %s%s AS id, %s AS k FROM %s %s WHERE %s ORDER BY k %s, id %s LIMIT ?`,
			distinct, id, col, table, x, strings.Join(where, " AND "), dir, dir), append(args, f.Limit+1)
	}
	var inner string
	var args []any
	if bySearch {
		inner, args = branch("account_terms", "t", "t.account_id", nil)
	} else {
		home, args1 := branch("accounts", "a", "a.id", nil)
		members, args2 := branch("tenant_members", "m", "m.account_id", args1)
		inner = fmt.Sprintf(`SELECT * FROM (%s) UNION ALL SELECT * FROM (%s) ORDER BY k %s, id %s LIMIT ?`,
			home, members, dir, dir)
		args = append(args2, f.Limit+1)
	}
	// The roles come in the same query, so a page costs one statement: direct
	// role ids in the tenant acted in, and those held through its groups
	// negated; and a member's home tenant, by name.
	// The tenant id is a parameter (three, before the page's), so one
	// prepared statement serves every tenant.
	return fmt.Sprintf(`SELECT %s, p.k, COALESCE((SELECT GROUP_CONCAT(x, ' ') FROM (SELECT ar.role_id AS x FROM account_roles ar
		WHERE ar.account_id = a.id AND ar.tenant_id = ?
		UNION SELECT -gr.role_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
		WHERE gm.account_id = a.id AND gm.tenant_id = ?)), ''),
		CASE WHEN a.tenant_id = ? THEN '' ELSE COALESCE((SELECT h.name FROM tenants h WHERE h.id = a.tenant_id), '') END
		FROM (%s) p JOIN accounts a ON a.id = p.id ORDER BY p.k %s, p.id %s`, listColumns, inner, dir, dir),
		append([]any{tenantID, tenantID, tenantID}, args...)
}

// listWhere is the WHERE of one branch of the users table: the rows x (home
// accounts "a", memberships "m" or search rows "t") of the tenant, of the
// kind, matching the search words and the filters, past the cursor cur.
func listWhere(x, id string, tenantID int64, f UserFilter, terms []string, dense bool, column string,
	cur []any, desc bool, args []any) ([]string, []any) {
	where := []string{x + ".tenant_id = ?"}
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
	w, a := filterWhere(x, id, tenantID, f)
	where, args = append(where, w...), append(args, a...)
	if cur != nil {
		op := ">"
		if desc {
			op = "<"
		}
		where = append(where, fmt.Sprintf("(%s.%s, %s) %s (?, ?)", x, column, id, op))
		args = append(args, cur...)
	}
	return where, args
}

func encodeCursor(key any, id int64) string {
	var v string
	switch k := key.(type) {
	case int64:
		v = strconv.FormatInt(k, 10)
	case string:
		v = k
	case []byte:
		v = string(k)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10) + ":" + v))
}

// ErrBadCursor means a paging cursor was not one this store made.
var ErrBadCursor = fmt.Errorf("store: bad cursor")

func decodeCursor(c string, numeric bool) (any, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, 0, ErrBadCursor
	}
	idPart, v, ok := strings.Cut(string(raw), ":")
	if !ok {
		return nil, 0, ErrBadCursor
	}
	id, err := strconv.ParseInt(idPart, 10, 64)
	if err != nil {
		return nil, 0, ErrBadCursor
	}
	if numeric {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, 0, ErrBadCursor
		}
		return n, id, nil
	}
	return v, id, nil
}

// denseLimit is where sorting a search's matches starts to cost more than
// walking the accounts in order and checking each one (measured at 100,000
// accounts: about the square root of 150 times the number of accounts).
const denseLimit = 4000

// denseTerm reports whether a search word's prefix matches so many search rows
// that walking the accounts in sort order is cheaper; the count stops early.
func (s *Store) denseTerm(ctx context.Context, tenantID int64, term string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM account_terms WHERE tenant_id = ? AND term >= ? AND term < ? LIMIT ?)`,
		tenantID, term, term+"\U0010FFFF", s.denseLimit).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: list users: %w", err)
	}
	return n >= s.denseLimit, nil
}

// listColumns are what a list row needs; fewer columns, less to decode per row.
const listColumns = `a.id, a.tenant_id, a.kind, a.login, a.first_name, a.last_name, COALESCE(a.email, ''),
	a.user_type, a.status, a.last_active_at, a.created_at, a.language, a.time_zone, a.currency, a.auth_method`

func scanListed(r scanner, a *Account, extra ...any) error {
	var last, created int64
	dest := []any{&a.ID, &a.TenantID, &a.Kind, &a.Login, &a.FirstName, &a.LastName, &a.Email,
		&a.UserType, &a.Status, &last, &created, &a.Language, &a.TimeZone, &a.Currency, &a.AuthMethod}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	if last > 0 {
		a.LastActiveAt = time.Unix(last, 0).UTC()
	}
	a.CreatedAt = time.Unix(created, 0).UTC()
	return nil
}

// splitRoles parses "3 5 -5 -7" into direct roles [3 5] and roles held only
// through groups [7].
func splitRoles(list string) (direct, inherited []int64) {
	for _, f := range strings.Fields(list) {
		id, _ := strconv.ParseInt(f, 10, 64)
		if id > 0 {
			direct = append(direct, id)
		}
	}
	for _, f := range strings.Fields(list) {
		id, _ := strconv.ParseInt(f, 10, 64)
		if id < 0 && !slices.Contains(direct, -id) {
			inherited = append(inherited, -id)
		}
	}
	slices.Sort(direct)
	slices.Sort(inherited)
	return direct, inherited
}

// filterWhere is the SQL of a users filter's status, type, role and access
// conditions, on the rows x (accounts "a" or search rows "t") whose account
// id is the expression id: the table and the report filter alike.
func filterWhere(x, id string, tenantID int64, f UserFilter) (where []string, args []any) {
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
		where = append(where, fmt.Sprintf(holdsRoleID, id, "?", "?"))
		args = append(args, tenantID, f.RoleID, tenantID, f.RoleID)
	} else if !f.IncludeNoRole && x == "t" {
		where = append(where, "(t.user_type = 'admin' OR t.has_role = 1)")
	} else if !f.IncludeNoRole {
		where = append(where, "("+x+".user_type = 'admin' OR "+fmt.Sprintf(holdsRole, id, "?")+")")
		args = append(args, tenantID, tenantID)
	}
	return where, args
}
