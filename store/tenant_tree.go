package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// TreeNode is one tenant of a subtree as the tenants page lists it.
type TreeNode struct {
	Tenant
	Depth   int    // 0 for a root
	Kind    string // provider (a root), customer (below a root), subtenant (deeper)
	People  int    // home people
	Members int    // people of other tenants pushed down here
}

// TenantTree lists the subtree of top (top first), at most limit tenants in
// display order, those whose name or slug contains q when q is set; more
// reports that some were left out. One statement whatever the tree's size.
func (s *Store) TenantTree(ctx context.Context, top int64, q string, limit int) ([]TreeNode, bool, error) {
	like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(q)) + "%"
	// Depths count from the root: the walk's own, from top, plus top's.
	rows, err := s.query(ctx, downTree+`, up(id, parent_id) AS (SELECT id, parent_id FROM tenants WHERE id = ?
			UNION ALL SELECT t.id, t.parent_id FROM tenants t JOIN up ON t.id = up.parent_id),
		page AS (SELECT down.id, down.depth + (SELECT COUNT(*) - 1 FROM up) AS depth, down.path FROM down
			JOIN tenants t ON t.id = down.id
			WHERE ? = '' OR lower(t.name) LIKE ? ESCAPE '\' OR t.slug LIKE ? ESCAPE '\'
			ORDER BY down.path LIMIT ?)
		SELECT t.id, t.parent_id, t.root_id, t.name, t.slug, t.status, t.blocked, t.time_zone, t.currency, t.created_at, page.depth,
			(SELECT COUNT(*) FROM accounts a WHERE a.tenant_id = t.id AND a.kind = 'user'),
			(SELECT COUNT(*) FROM tenant_members m WHERE m.tenant_id = t.id AND m.kind = 'user')
		FROM page JOIN tenants t ON t.id = page.id ORDER BY page.path`, top, top, q, like, like, limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("store: tenant tree: %w", err)
	}
	defer rows.Close()
	var out []TreeNode
	for rows.Next() {
		var n TreeNode
		var parent sql.NullInt64
		var created int64
		if err := rows.Scan(&n.ID, &parent, &n.RootID, &n.Name, &n.Slug, &n.Status, &n.Blocked, &n.TimeZone, &n.Currency,
			&created, &n.Depth, &n.People, &n.Members); err != nil {
			return nil, false, fmt.Errorf("store: tenant tree: %w", err)
		}
		if parent.Valid {
			n.ParentID = &parent.Int64
		}
		n.CreatedAt = time.Unix(created, 0).UTC()
		n.Kind = TenantKind(n.Depth)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("store: tenant tree: %w", err)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}

// TenantKind names a tenant by its depth in the tree.
func TenantKind(depth int) string {
	switch depth {
	case 0:
		return "provider"
	case 1:
		return "customer"
	}
	return "subtenant"
}

// SubTenant returns tenant id when it is top or below it; ErrNotFound
// otherwise, so a tenant outside top's subtree looks like none.
func (s *Store) SubTenant(ctx context.Context, top, id int64) (Tenant, error) {
	ok, err := within(ctx, s, id, top)
	if err != nil {
		return Tenant{}, err
	}
	if !ok {
		return Tenant{}, ErrNotFound
	}
	return s.Tenant(ctx, id)
}
