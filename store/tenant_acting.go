package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Acting is the tenant a request acts in, as one account may: its home
// tenant or one it is a member of.
type Acting struct {
	Tenant Tenant
	// Home: the tenant is the account's home tenant.
	Home bool
	// Active: neither the tenant nor the account's home tenant is blocked
	// (deactivated, or below a deactivated tenant): nobody acts in one, and a
	// blocked tenant's people cannot sign in.
	Active bool
	// Others: the account may act in some other tenant too (the switcher shows).
	Others bool
	// HomeName and HomeSlug name the account's home tenant, for the pages
	// that act elsewhere to say so.
	HomeName, HomeSlug string
	// Customers: tenants sit below this one (a service provider, a customer
	// with sub-tenants).
	Customers bool
}

// downTree walks from the tenant named by ?1 to every tenant below it,
// keeping each one's depth (0 for the tenant itself) and sort path.
// The path's separators are the control characters 31 and 30, written into
// the SQL as they are (SQLite's char() is PostgreSQL's chr()), and the id is
// padded to 20 digits.
const downTree = `WITH RECURSIVE down(id, depth, path) AS (
		SELECT id, 0, substr(name, 1, 0) FROM tenants WHERE id = ?
		UNION ALL SELECT t.id, down.depth + 1, down.path || lower(t.name) || '` + "\x1f" + `'
			|| substr('00000000000000000000' || t.id, length(CAST(t.id AS TEXT)) + 1) || '` + "\x1e" + `'
		FROM tenants t JOIN down ON t.parent_id = down.id)`

// upTree walks from the tenant named by ?1 to its root.
const upTree = `WITH RECURSIVE up(id, parent_id, status) AS (
		SELECT id, parent_id, status FROM tenants WHERE id = ?
		UNION ALL SELECT t.id, t.parent_id, t.status FROM tenants t JOIN up ON t.id = up.parent_id)`

// actingColumns are the tenant t an account a acts in, from its home tenant
// h, as Acting holds it, after whether t was found (t is LEFT JOINed on
// actsIn): actingScan reads them.
const actingColumns = `t.id IS NOT NULL, COALESCE(t.id, 0), t.parent_id, COALESCE(t.root_id, 0), COALESCE(t.name, ''),
	COALESCE(t.slug, ''), COALESCE(t.status, ''), COALESCE(t.blocked, 0), COALESCE(t.time_zone, ''), COALESCE(t.currency, ''),
	COALESCE(t.created_at, 0), COALESCE(t.provisioning, ''), COALESCE(t.id = h.id, FALSE),
	COALESCE(t.blocked = 0 AND h.blocked = 0, FALSE),
	CASE WHEN t.id <> h.id OR EXISTS (SELECT 1 FROM tenant_members WHERE account_id = a.id) THEN 1 ELSE 0 END,
	h.name, h.slug, EXISTS (SELECT 1 FROM tenants c WHERE c.parent_id = t.id)`

// actsIn: account a may act in tenant t, its home tenant h or one it is a
// member of.
const actsIn = `(t.id = h.id OR EXISTS (SELECT 1 FROM tenant_members m WHERE m.tenant_id = t.id AND m.account_id = a.id))`

// actingTenant joins the tenant t an account a acts in: the one with the
// slug given twice as arguments, or its home tenant h when the slug is "".
const actingTenant = `LEFT JOIN tenants t ON t.id = CASE WHEN CAST(? AS TEXT) = '' THEN h.id ELSE (SELECT id FROM tenants WHERE slug = ?) END
	AND ` + actsIn

// actingScan holds what actingColumns scan into, until acting makes it an Acting.
type actingScan struct {
	found   bool
	a       Acting
	parent  sql.NullInt64
	created int64
}

func (x *actingScan) dest() []any {
	t := &x.a.Tenant
	return []any{&x.found, &t.ID, &x.parent, &t.RootID, &t.Name, &t.Slug, &t.Status, &t.Blocked, &t.TimeZone, &t.Currency,
		&x.created, &t.Provisioning, &x.a.Home, &x.a.Active, &x.a.Others, &x.a.HomeName, &x.a.HomeSlug, &x.a.Customers}
}

// acting is the scanned tenant, and whether the account may act there.
func (x *actingScan) acting() (Acting, bool) {
	if !x.found {
		return Acting{}, false
	}
	if x.parent.Valid {
		x.a.Tenant.ParentID = &x.parent.Int64
	}
	x.a.Tenant.CreatedAt = time.Unix(x.created, 0).UTC()
	return x.a, true
}

// ActingIn resolves the tenant an account acts in: the one with slug, or its
// home tenant when slug is "". It is ErrNotFound when no such tenant exists
// or the account is neither of it nor a member there: whoever is not
// allowed in a tenant cannot tell it from one that does not exist. One
// statement, whatever the number of tenants.
func (s *Store) ActingIn(ctx context.Context, accountID, homeID int64, slug string) (Acting, error) {
	var x actingScan
	err := s.queryRow(ctx, `SELECT `+actingColumns+` FROM accounts a JOIN tenants h ON h.id = ? `+actingTenant+`
		WHERE a.id = ?`, homeID, slug, slug, accountID).Scan(x.dest()...)
	if err != nil {
		return Acting{}, fmt.Errorf("store: acting tenant: %w", notFound(err))
	}
	a, ok := x.acting()
	if !ok {
		return a, fmt.Errorf("store: acting tenant: %w", ErrNotFound)
	}
	return a, nil
}

// IsMember reports whether the account is a member of the tenant (not its home).
func (v View) IsMember(ctx context.Context, tenantID, accountID int64) (bool, error) {
	var ok bool
	err := v.tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM tenant_members WHERE tenant_id = ? AND account_id = ?)`,
		tenantID, accountID).Scan(&ok)
	return ok, err
}

// HasMembers reports whether anyone of another tenant is a member of this one.
func (v View) HasMembers(ctx context.Context, tenantID int64) (bool, error) {
	var ok bool
	err := v.tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM tenant_members WHERE tenant_id = ?)`, tenantID).Scan(&ok)
	return ok, err
}

// Within reports whether tenant id is ancestor or the tenant itself, or
// below it in the tree.
func (v View) Within(ctx context.Context, id, ancestor int64) (bool, error) {
	return within(ctx, v.tx, id, ancestor)
}

// Within reports whether tenant id is ancestor itself or below it.
func (s *Store) Within(ctx context.Context, id, ancestor int64) (bool, error) {
	return within(ctx, s, id, ancestor)
}

type rowQuerier interface {
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

func within(ctx context.Context, db rowQuerier, id, ancestor int64) (bool, error) {
	var ok bool
	err := db.queryRow(ctx, upTree+` SELECT EXISTS (SELECT 1 FROM up WHERE id = ?)`, id, ancestor).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: tenant tree: %w", err)
	}
	return ok, nil
}

// accountIn selects an account of the tenant ?2 by id ?1: a home person of
// it or a member there (Account.TenantID stays the home tenant).
const accountIn = `SELECT ` + accountColumns + ` FROM accounts a WHERE a.id = ?1 AND (a.tenant_id = ?2
	OR EXISTS (SELECT 1 FROM tenant_members tm WHERE tm.tenant_id = ?2 AND tm.account_id = a.id))`

// AccountIn returns an account of the tenant, at home or as a member there;
// ErrNotFound for anyone else. What it reads is for acting in the tenant
// (roles, keys, groups); a member's identity is changed at home only.
func (s *Store) AccountIn(ctx context.Context, tenantID, id int64) (Account, error) {
	return oneAccount(s.queryRow(ctx, accountIn, id, tenantID))
}

func (tx *Tx) accountIn(ctx context.Context, tenantID, id int64) (Account, error) {
	return oneAccount(tx.queryRow(ctx, accountIn, id, tenantID))
}
