package store

import "context"

// The users table's filters by group, activity, email domain and creation
// date (issue 16), on any of its row sources.

// peopleWhere adds the group, activity, domain and creation conditions of f
// to where, on the rows x whose account id is id: home accounts "a",
// memberships "m" (which repeat email, created_at and last_active_at) or
// search rows "t" (which repeat email and created_at, not activity). now is
// the store's clock in Unix seconds.
func peopleWhere(x, id string, tenantID int64, f UserFilter, now int64, where []string, args []any) ([]string, []any) {
	if f.GroupID != 0 {
		// The group's primary key (group_id, account_id) answers the probe;
		// its tenant is the table's, so another tenant's group finds nobody.
		where = append(where, id+" IN (SELECT gm.account_id FROM group_members gm WHERE gm.group_id = ? AND gm.tenant_id = ?)")
		args = append(args, f.GroupID, tenantID)
	}
	active := x + ".last_active_at"
	if x == "t" {
		active = "(SELECT la.last_active_at FROM accounts la WHERE la.id = " + id + ")"
	}
	switch {
	case f.NeverActive && x != "t":
		// A list of the never active, read from the activity index once,
		// probed by the walk in sort order (which then reads no row).
		table, key := "accounts", "id"
		if x == "m" {
			table, key = "tenant_members", "account_id"
		}
		where = append(where, id+" IN (SELECT n."+key+" FROM "+table+" n WHERE n.tenant_id = ? AND n.last_active_at = 0)")
		args = append(args, tenantID)
	case f.NeverActive:
		where = append(where, active+" = 0")
	case f.InactiveDays > 0:
		where = append(where, active+" < ?")
		args = append(args, now-int64(f.InactiveDays)*86400)
	}
	if f.EmailDomain != "" {
		// listTerms made the domain a search word too (an address's domain
		// and each of its dot-suffixes are search rows), so the rows come
		// from the index; this keeps only the addresses at it. The domain is validated (letters, digits, dots and hyphens), so it
		// holds no LIKE wildcard; addresses are stored lower-case.
		where = append(where, "("+x+".email LIKE ? OR "+x+".email LIKE ?)")
		args = append(args, "%@"+f.EmailDomain, "%."+f.EmailDomain)
	}
	if !f.CreatedFrom.IsZero() {
		where = append(where, x+".created_at >= ?")
		args = append(args, f.CreatedFrom.Unix())
	}
	if !f.CreatedTo.IsZero() {
		where = append(where, x+".created_at < ?")
		args = append(args, f.CreatedTo.Unix())
	}
	return where, args
}

// listTerms are the search words of a users filter: the query's, then the
// email domain, whose search rows (each address's domain and its
// dot-suffixes) find its people through the index instead of a walk of the
// tenant; filterWhere then keeps the exact addresses.
func listTerms(f UserFilter) []string {
	terms := queryTerms(f.Query)
	if f.EmailDomain != "" && len(terms) < 6 {
		terms = append(terms, Fold(f.EmailDomain))
	}
	return terms
}

// leadTerms are listTerms in the order the page reads them, and whether the
// first is dense (see denseTerm): when the query's first word is common and
// the domain is not, the domain leads, so its few search rows are sorted
// instead of the tenant walked for them.
func (s *Store) leadTerms(ctx context.Context, tenantID int64, f UserFilter, inTerms bool) ([]string, bool, error) {
	terms := listTerms(f)
	if len(terms) == 0 || !inTerms {
		return terms, false, nil
	}
	dense, err := s.denseTerm(ctx, tenantID, terms[0])
	if err != nil || !dense || f.EmailDomain == "" || len(terms) == 1 {
		return terms, dense, err
	}
	last := len(terms) - 1
	if dense, err = s.denseTerm(ctx, tenantID, terms[last]); err != nil {
		return nil, false, err
	}
	if !dense {
		terms[0], terms[last] = terms[last], terms[0]
	}
	return terms, dense, nil
}
