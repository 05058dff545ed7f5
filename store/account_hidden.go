package store

import (
	"context"
	"fmt"
	"strings"
)

// Hidden counts the people a search matches that the table's default view
// leaves out: deactivated people (unless the filter shows them or asks for
// a status) and people with no role who are not Admins (unless it includes
// them or asks for a role). Each count stops at limit+1 ("more than 100"),
// and reads at most the first denseLimit search rows of the first word, so
// it is one bounded statement however common the word: for a word that
// common the count covers those rows only (its visible matches fill pages).
func (s *Store) Hidden(ctx context.Context, tenantID int64, f UserFilter, limit int) (deactivated, noRole int, err error) {
	terms := queryTerms(f.Query)
	hideDeact := f.Status == "" && !f.ShowDeactivated
	hideNoRole := !f.IncludeNoRole && f.RoleID == 0 && !f.PendingAccess
	if len(terms) == 0 || (!hideDeact && !hideNoRole) {
		return 0, 0, nil
	}
	all := f
	all.ShowDeactivated, all.IncludeNoRole = true, true
	where, args := listWhere("t", "t.account_id", tenantID, all, terms, false, s.unix())
	// One walk of the bounded search rows counts both: the matches that are
	// deactivated, and those active or pending holding no role (a count of
	// nothing where the view shows them), each capped at limit+1.
	deact, none := "1 = 0", "1 = 0"
	if hideDeact {
		deact = "t.status = 'deactivated'"
	}
	if hideNoRole {
		none = "t.status <> 'deactivated' AND t.user_type <> 'admin' AND t.has_role = 0"
	}
	q := `SELECT COUNT(DISTINCT CASE WHEN ` + deact + ` THEN t.account_id END), COUNT(DISTINCT CASE WHEN ` + none + ` THEN t.account_id END)
		FROM (SELECT * FROM account_terms r WHERE r.tenant_id = ? AND r.term >= ? AND r.term < ? LIMIT ?) t WHERE ` + strings.Join(where, " AND ")
	if err := s.queryRow(ctx, q, append([]any{tenantID, terms[0], terms[0] + "\U0010FFFF", s.denseLimit}, args...)...).Scan(&deactivated, &noRole); err != nil {
		return 0, 0, fmt.Errorf("store: hidden matches: %w", err)
	}
	deactivated, noRole = min(deactivated, limit+1), min(noRole, limit+1)
	return deactivated, noRole, nil
}
