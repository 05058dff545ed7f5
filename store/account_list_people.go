package store

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
		where = append(where, "EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = ? AND gm.account_id = "+id+" AND gm.tenant_id = ?)")
		args = append(args, f.GroupID, tenantID)
	}
	active := x + ".last_active_at"
	if x == "t" {
		active = "(SELECT la.last_active_at FROM accounts la WHERE la.id = " + id + ")"
	}
	switch {
	case f.NeverActive:
		where = append(where, active+" = 0")
	case f.InactiveDays > 0:
		where = append(where, active+" < ?")
		args = append(args, now-int64(f.InactiveDays)*86400)
	}
	if f.EmailDomain != "" {
		// The domain is validated (letters, digits, dots and hyphens), so it
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
