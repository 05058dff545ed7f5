package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/pressly/goose/v3"
)

// goMigrations are the migrations that need Go, not SQL: their versions sit
// between the folders' files (which skip them) and run in the same order.
func goMigrations(pg bool) []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(18, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return fragmentTerms(ctx, tx, pg)
		}}, nil),
	}
}

// fragmentTerms (version 18) gives every account the search rows that
// searchTerms added for fragments and email domains: each account's new terms
// are copied from one of its existing rows in every tenant it is listed in, so
// the sort keys, status and roles they repeat stay those of that tenant.
// Accounts are read in batches of 1,000 ids; one statement per account.
func fragmentTerms(ctx context.Context, tx *sql.Tx, pg bool) error {
	text := func(q string) string {
		if pg {
			return pgText(q)
		}
		return q
	}
	var after int64
	for {
		rows, err := tx.QueryContext(ctx, text(`SELECT id, first_name, last_name, login, COALESCE(email, '') FROM accounts
			WHERE id > ? ORDER BY id LIMIT 1000`), after)
		if err != nil {
			return fmt.Errorf("store: fragment terms: %w", err)
		}
		type named struct {
			id                        int64
			first, last, login, email string
		}
		var batch []named
		for rows.Next() {
			var a named
			if err := rows.Scan(&a.id, &a.first, &a.last, &a.login, &a.email); err != nil {
				rows.Close()
				return fmt.Errorf("store: fragment terms: %w", err)
			}
			batch = append(batch, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: fragment terms: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, a := range batch {
			terms := searchTerms(a.first, a.last, a.login, a.email)
			sel := make([]string, len(terms))
			args := []any{}
			for i, t := range terms {
				sel[i] = "SELECT CAST(? AS TEXT) AS term"
				args = append(args, t)
			}
			args = append(args, a.id, a.id)
			_, err := tx.ExecContext(ctx, text(`INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email,
				created_at, status, user_type, has_role)
				SELECT t.tenant_id, n.term, t.account_id, t.kind, t.sort_name, t.email, t.created_at, t.status, t.user_type, t.has_role
				FROM account_terms t JOIN (`+strings.Join(sel, " UNION ALL ")+`) n ON true
				WHERE t.account_id = ? AND t.term = (SELECT MIN(o.term) FROM account_terms o WHERE o.account_id = ?)
				ON CONFLICT DO NOTHING`), args...)
			if err != nil {
				return fmt.Errorf("store: fragment terms: %w", err)
			}
		}
		after = batch[len(batch)-1].id
	}
}
