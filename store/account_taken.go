package store

import (
	"context"
	"fmt"
	"strings"
)

// Taken says whether a new account of the tenant would collide on its login
// (unique in the tenant) or its email (unique in the tenant's tree), so that a
// form can report both at once with its other errors. The insert's unique
// indexes still decide: this is a read ahead of it.
func (s *Store) Taken(ctx context.Context, tenantID int64, login, email string) (loginTaken, emailTaken bool, err error) {
	var l, e int
	err = s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM accounts WHERE tenant_id = ? AND login = ?),
		(SELECT COUNT(*) FROM accounts WHERE email = ? AND root_id = (SELECT root_id FROM tenants WHERE id = ?))`,
		tenantID, login, strings.ToLower(email), tenantID).Scan(&l, &e)
	if err != nil {
		return false, false, fmt.Errorf("store: taken: %w", err)
	}
	return l > 0 && login != "", e > 0 && email != "", nil
}
