package store

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// Reached is a tenant a person may act in, as the customer switcher lists it.
type Reached struct {
	ID     int64
	Name   string
	Slug   string
	Home   bool      // the person's home tenant
	UsedAt time.Time // when the person last switched to it; zero for never
}

// Reach lists the tenants an account may act in (its home tenant and the
// tenants it is a member of), leaving out blocked ones, most recently used
// first then by name, whose name or slug contains q (ignoring case and
// accents: "evry" finds "Énergie Évry"; "" for all), at most limit of them.
// One statement, whatever the number of tenants: the switcher costs the
// same for 2 tenants and for 1,000. A filter reads the person's tenants in
// order and keeps the first that match, as SQLite cannot fold accents.
func (s *Store) Reach(ctx context.Context, accountID, homeID int64, q string, limit int) ([]Reached, error) {
	q = Fold(strings.TrimSpace(q))
	sqlLimit := limit
	if q != "" {
		sqlLimit = math.MaxInt32 // no limit: matches are picked below
	}
	rows, err := s.query(ctx, `SELECT id, name, slug, home, used_at FROM (
			SELECT t.id, t.name, t.slug, 1 AS home, a.home_used_at AS used_at FROM tenants t JOIN accounts a ON a.id = ?
			WHERE t.id = ? AND a.tenant_id = t.id AND t.blocked = 0
			UNION ALL
			SELECT t.id, t.name, t.slug, 0, m.used_at FROM tenant_members m JOIN tenants t ON t.id = m.tenant_id
			WHERE m.account_id = ? AND t.blocked = 0) r
		ORDER BY used_at DESC, lower(name), id LIMIT ?`, accountID, homeID, accountID, sqlLimit)
	if err != nil {
		return nil, fmt.Errorf("store: tenants reached: %w", err)
	}
	defer rows.Close()
	var out []Reached
	for rows.Next() && len(out) < limit {
		var r Reached
		var used int64
		if err := rows.Scan(&r.ID, &r.Name, &r.Slug, &r.Home, &used); err != nil {
			return nil, fmt.Errorf("store: tenants reached: %w", err)
		}
		if q != "" && !strings.Contains(Fold(r.Name), q) && !strings.Contains(r.Slug, q) {
			continue
		}
		if used > 0 {
			r.UsedAt = time.Unix(used, 0).UTC()
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// TenantUsed records that the account switched to the tenant it acts in
// (its home tenant when home), for the switcher's recent-first order. It
// writes only the account's own row: its home tenant's mark, or its
// membership's, never another tenant's.
func (s *Store) TenantUsed(ctx context.Context, accountID, tenantID int64, home bool, at time.Time) error {
	q := `UPDATE tenant_members SET used_at = ? WHERE tenant_id = ? AND account_id = ?`
	args := []any{at.Unix(), tenantID, accountID}
	if home {
		q = `UPDATE accounts SET home_used_at = ? WHERE tenant_id = ? AND id = ?`
	}
	if _, err := s.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("store: tenant used: %w", err)
	}
	return nil
}

// memberTerms writes the search rows of a new member in the tenant it was
// added to, leaving those of its home and other memberships as they are: a
// person managing 1,000 customers gains the 1,001st at the cost of one. An
// Admin at home is a Standard user there, as its membership row says.
func (tx *Tx) memberTerms(ctx context.Context, homeID, tenantID, accountID int64) error {
	a, err := tx.account(ctx, homeID, accountID)
	if err != nil {
		return err
	}
	for _, t := range searchTerms(a.FirstName, a.LastName, a.Login, a.Email) {
		if _, err := tx.exec(ctx, `INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email,
			created_at, status, user_type, has_role) SELECT CAST(?1 AS BIGINT), CAST(?2 AS TEXT), a.id, a.kind, a.sort_name, a.email, a.created_at,
			a.status, `+strings.ReplaceAll(memberType, "user_type", "a.user_type")+`, `+fmt.Sprintf(hasRoleValue, "a.id", "?1")+`
			FROM accounts a WHERE a.id = ?3 ON CONFLICT DO NOTHING`, tenantID, t, accountID); err != nil {
			return fmt.Errorf("store: terms: %w", err)
		}
	}
	return nil
}
