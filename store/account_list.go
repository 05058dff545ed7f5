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
	AuthMethod      string // "", password, sso: how people sign in
	RoleID          int64
	IncludeNoRole   bool
	PendingAccess   bool // active people holding no role: waiting for an administrator
	ShowDeactivated bool
	// GroupID keeps the members of one of the tenant's groups (another
	// tenant's group matches nobody).
	GroupID int64
	// InactiveDays keeps people not active for that many days, those never
	// active included; NeverActive keeps only those never active.
	InactiveDays int
	NeverActive  bool
	// EmailDomain keeps addresses at that domain or under it (example.net
	// matches a@example.net and a@eu.example.net); lower-case, validated.
	EmailDomain string
	// CreatedFrom and CreatedTo bound the creation time, To excluded; zero: open.
	CreatedFrom, CreatedTo time.Time
	Sort                   string // name, email, last_active, created
	Desc                   bool
	Limit                  int
	After                  string // cursor: the page after this row
	Before                 string // cursor: the page before this row
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
	// The rows the filters and the sort read: the search rows of the first
	// word when it matches few enough of them to sort, else the accounts and
	// the memberships, walked in index order (a common prefix fills a page
	// within a few rows).
	terms, dense, err := s.leadTerms(ctx, tenantID, f, key.inTerms)
	if err != nil {
		return UserPage{}, err
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
	q, args := usersSQL(tenantID, f, key.column, terms, dense, cur, desc, s.unix())
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return UserPage{}, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	// A page is at most f.Limit+1 rows: sized once, and only the cursors of
	// its first and last rows are encoded.
	n := f.Limit + 1
	accounts, keys := make([]Account, 0, n), make([]any, 0, n)
	roles, inherited, homes := make(map[int64][]int64, n), make(map[int64][]int64, n), map[int64]string{}
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
		keys = append(keys, key)
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
		last := len(keys) - 1
		p.Next = encodeCursor(keys[last], accounts[last].ID)
	}
	if (backward && more) || (!backward && cursor != "") {
		p.Prev = encodeCursor(keys[0], accounts[0].ID)
	}
	return p, nil
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

// denseTerm reports whether a search word's prefix matches so many people
// that walking the accounts in sort order is cheaper; the count stops early.
// People, not search rows: one person has several rows a prefix matches
// (their name, the tail of their login, of their email), and counting rows
// called "dupont" dense at 2,000 people of 100,000, so the page walked every
// name before D to find its first match (about 230 ms instead of 2).
func (s *Store) denseTerm(ctx context.Context, tenantID int64, term string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT DISTINCT account_id FROM account_terms WHERE tenant_id = ? AND term >= ? AND term < ? LIMIT ?) t`,
		tenantID, term, term+"\U0010FFFF", s.denseLimit).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: list users: %w", err)
	}
	return n >= s.denseLimit, nil
}

// listColumns are what a list row needs; fewer columns, less to decode per row.
const listColumns = `a.id, a.tenant_id, a.kind, a.login, a.first_name, a.last_name, COALESCE(a.email, ''),
	a.user_type, a.status, a.last_active_at, a.created_at, a.language, a.time_zone, a.currency, a.auth_method,
	COALESCE(a.sso_issuer, ''), COALESCE(a.sso_subject, ''), a.scim_managed, COALESCE(a.last_signin_at, 0), a.expires_at`

func scanListed(r scanner, a *Account, extra ...any) error {
	var last, created, signin, expires int64
	dest := []any{&a.ID, &a.TenantID, &a.Kind, &a.Login, &a.FirstName, &a.LastName, &a.Email,
		&a.UserType, &a.Status, &last, &created, &a.Language, &a.TimeZone, &a.Currency, &a.AuthMethod,
		&a.SSOIssuer, &a.SSOSubject, &a.SCIMManaged, &signin, &expires}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	if last > 0 {
		a.LastActiveAt = time.Unix(last, 0).UTC()
	}
	a.CreatedAt = time.Unix(created, 0).UTC()
	if signin > 0 {
		a.LastSignInAt = time.Unix(signin, 0).UTC()
	}
	if expires > 0 {
		a.ExpiresAt = time.Unix(expires, 0).UTC()
	}
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

// CountUsers counts the people the table's filter matches, up to bound: it
// reads at most bound+1 rows of the walk a page makes (so a tenant of
// 100,000 costs no more than one of bound), and says more when there are
// more than bound.
func (s *Store) CountUsers(ctx context.Context, tenantID int64, f UserFilter, bound int) (n int, more bool, err error) {
	key, ok := sortKeys[f.Sort]
	if !ok {
		f.Sort, key = "name", sortKeys["name"]
	}
	var q string
	var args []any
	if terms := listTerms(f); len(terms) > 0 {
		// A search counts its distinct people on the search rows, in no order,
		// and stops past bound: the cost follows the matches counted, never
		// the tenant's size (walking the accounts in order, as a dense
		// search's page does, would read them all to count a few thousand).
		where, wargs := listWhere("t", "t.account_id", tenantID, f, terms, false, s.unix())
		q, args = `SELECT DISTINCT t.account_id FROM account_terms t WHERE `+strings.Join(where, " AND ")+` LIMIT ?`,
			append(wargs, bound+1)
	} else {
		f.Limit, f.After, f.Before = bound, "", ""
		q, args = usersInner(tenantID, f, key.column, nil, false, nil, f.Desc, s.unix())
	}
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM (`+q+`) c`, args...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("store: count users: %w", err)
	}
	return min(n, bound), n > bound, nil
}
