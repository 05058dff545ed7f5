package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Person is an account seen from a tenant it may act in: at home, or as a
// member pushed down from an ancestor, whose identity is managed at home.
type Person struct {
	Account
	HomeName string // the name of its home tenant
	Member   bool   // a member of the tenant asked about, not one of its home people
}

// Person returns an account of the tenant, a home person or a member;
// anyone else, or an unknown id, is ErrNotFound. Identity writes stay
// home-only (tx.account): this read is for showing and for membership.
func (s *Store) Person(ctx context.Context, tenantID, id int64) (Person, error) {
	var p Person
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+`, h.name FROM accounts a JOIN tenants h ON h.id = a.tenant_id
		WHERE a.id = ? AND (a.tenant_id = ? OR EXISTS (SELECT 1 FROM tenant_members m WHERE m.tenant_id = ? AND m.account_id = a.id))`,
		id, tenantID, tenantID), &p.Account, &p.HomeName)
	if err != nil {
		return p, fmt.Errorf("store: person: %w", notFound(err))
	}
	p.Member = p.TenantID != tenantID
	if p.Member && p.UserType == "admin" {
		p.UserType = "standard" // a home Admin acts as Standard here (auth.TypeIn)
	}
	return p, nil
}

// PersonAnywhere returns an account of any tenant with its home tenant's
// name, for the operations to explain a refused membership; whether the
// actor may be told is theirs to decide.
func (s *Store) PersonAnywhere(ctx context.Context, id int64) (Person, error) {
	var p Person
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+`, h.name FROM accounts a JOIN tenants h ON h.id = a.tenant_id
		WHERE a.id = ?`, id), &p.Account, &p.HomeName)
	if err != nil {
		return p, fmt.Errorf("store: person: %w", notFound(err))
	}
	return p, nil
}

// Candidate is a person who can be pushed down into a tenant.
type Candidate struct {
	ID       int64
	Name     string
	Email    string
	HomeName string
	Member   bool // already a member here: adding changes their roles
}

// Candidates finds, by the start of their names' or email's words, at most
// limit people who can be pushed down into the tenant by an actor whose home
// tenant is home: people of an ancestor of the tenant that is the actor's
// home or below it (a customer's administrator never sees the provider's
// staff), active or invited. It walks the search index in order and stops at
// limit, so it costs one statement whatever the number of people.
func (s *Store) Candidates(ctx context.Context, tenantID, home int64, query string, limit int) ([]Candidate, error) {
	terms := queryTerms(query)
	if len(terms) == 0 || tenantID == home {
		return nil, nil
	}
	// up: the ancestors of the tenant, from its parent up to the actor's
	// home; none unless the actor's home is among them.
	where := []string{"t.tenant_id IN (SELECT id FROM up)", "? IN (SELECT id FROM up)", "t.term >= ? AND t.term < ?",
		"t.kind = 'user'", "t.status <> 'deactivated'"}
	args := []any{tenantID, home, tenantID, home, terms[0], terms[0] + "\U0010FFFF"}
	for _, t := range terms[1:] {
		where = append(where, "t.account_id IN (SELECT tt.account_id FROM account_terms tt WHERE tt.tenant_id = t.tenant_id AND tt.term >= ? AND tt.term < ?)")
		args = append(args, t, t+"\U0010FFFF")
	}
	args = append(args, limit)
	// The search rows are walked in index order (term, account) and stop at
	// limit: no sort of every match; the few found are sorted by name here.
	rows, err := s.query(ctx, `WITH RECURSIVE up(id, parent) AS (
			SELECT p.id, p.parent_id FROM tenants c JOIN tenants p ON p.id = c.parent_id WHERE c.id = ?
			UNION ALL SELECT t.id, t.parent_id FROM tenants t JOIN up ON t.id = up.parent WHERE up.id <> ?)
		SELECT a.id, a.first_name, a.last_name, COALESCE(a.email, ''), h.name,
			EXISTS (SELECT 1 FROM tenant_members m WHERE m.tenant_id = ? AND m.account_id = a.id)
		FROM (SELECT t.account_id AS id, t.term, t.tenant_id FROM account_terms t
			JOIN accounts ha ON ha.id = t.account_id AND ha.tenant_id = t.tenant_id
			WHERE `+strings.Join(where, " AND ")+` ORDER BY t.term, t.account_id LIMIT ?) x
		JOIN accounts a ON a.id = x.id JOIN tenants h ON h.id = a.tenant_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	seen := map[int64]bool{}
	for rows.Next() {
		var c Candidate
		var first, last string
		if err := rows.Scan(&c.ID, &first, &last, &c.Email, &c.HomeName, &c.Member); err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		if !seen[c.ID] {
			seen[c.ID] = true
			c.Name = strings.TrimSpace(first + " " + last)
			out = append(out, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return strings.Compare(Fold(a.Name), Fold(b.Name)) })
	return out, nil
}

// EmailHolder finds who holds an email in the tenant's tree (emails are
// unique across it), with their home tenant's name, so a refused creation
// can say where the person already is; ErrNotFound when nobody does.
func (s *Store) EmailHolder(ctx context.Context, tenantID int64, email string) (Person, error) {
	var p Person
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+`, h.name FROM accounts a JOIN tenants h ON h.id = a.tenant_id
		WHERE a.root_id = (SELECT root_id FROM tenants WHERE id = ?) AND a.email = ?`, tenantID, strings.ToLower(email)),
		&p.Account, &p.HomeName)
	if err != nil {
		return p, fmt.Errorf("store: email holder: %w", notFound(err))
	}
	p.Member = p.TenantID != tenantID
	return p, nil
}
