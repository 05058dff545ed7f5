package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// setAsideIndexes drops the secondary indexes of the tables a seed fills, on
// SQLite, and returns the statements that build them again: building an
// index sorts its keys once, where a million inserts each walk B-trees that
// no longer fit in the cache. It all happens in the seed's transaction, so a
// failed seed leaves the schema as it was; a duplicate login or email is
// refused when its unique index is built again.
func (t *Tx) setAsideIndexes(ctx context.Context) ([]string, error) {
	rows, err := t.query(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('accounts', 'account_terms', 'account_roles', 'group_members') ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: seed: %w", err)
	}
	var names, restore []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: seed: %w", err)
		}
		names, restore = append(names, name), append(restore, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: seed: %w", err)
	}
	for _, n := range names {
		if _, err := t.exec(ctx, `DROP INDEX "`+n+`"`); err != nil {
			return nil, fmt.Errorf("store: seed: %w", err)
		}
	}
	return restore, nil
}

// termWriter writes a seed's search rows (account_terms).
type termWriter struct {
	tx   *Tx
	ins  *stmt
	bulk bool
}

// seedTerms prepares the search rows' writer. Its ?9 is one term on
// PostgreSQL, a row per statement, and on SQLite an account's terms as a
// JSON list, read by json_each in one statement; in bulk those go, with the
// account's id alone, to a temporary table that finish writes into
// account_terms sorted: a B-tree filled in key order is written once, page
// after page.
func (t *Tx) seedTerms(ctx context.Context, bulk bool) (*termWriter, error) {
	w := &termWriter{tx: t, bulk: bulk}
	q := `INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email, created_at, status, user_type, has_role)
		VALUES (?1, ?9, ?2, 'user', ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING`
	switch {
	case bulk:
		if _, err := t.exec(ctx, `CREATE TEMP TABLE seed_terms (term TEXT NOT NULL, account_id INTEGER NOT NULL, has_role INTEGER NOT NULL)`); err != nil {
			return nil, fmt.Errorf("store: seed: %w", err)
		}
		q = `INSERT INTO seed_terms (term, account_id, has_role) SELECT value, ?2, ?8 FROM json_each(?9)`
	case !t.s.pg:
		q = `INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email, created_at, status, user_type, has_role)
			SELECT ?1, value, ?2, 'user', ?3, ?4, ?5, ?6, ?7, ?8 FROM json_each(?9) WHERE true ON CONFLICT DO NOTHING`
	}
	var err error
	if w.ins, err = t.prepare(ctx, q); err != nil {
		return nil, fmt.Errorf("store: seed: %w", err)
	}
	return w, nil
}

// add writes (or gathers) one account's search rows.
func (w *termWriter) add(ctx context.Context, tenantID, id int64, terms []string, sortName, email string,
	created int64, status, userType string, hasRole bool) error {
	if !w.tx.s.pg {
		list, err := json.Marshal(terms)
		if err != nil {
			return err
		}
		if err := w.ins.exec(ctx, tenantID, id, sortName, email, created, status, userType, hasRole, string(list)); err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		return nil
	}
	for _, term := range terms {
		if err := w.ins.exec(ctx, tenantID, id, sortName, email, created, status, userType, hasRole, term); err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
	}
	return nil
}

// finish writes the gathered search rows in key order, each with its
// account's columns, and drops the temporary table.
func (w *termWriter) finish(ctx context.Context) error {
	if !w.bulk {
		return nil
	}
	if _, err := w.tx.exec(ctx, `WITH st AS MATERIALIZED (SELECT term, account_id, has_role FROM seed_terms ORDER BY term, account_id)
		INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email, created_at, status, user_type, has_role)
		SELECT a.tenant_id, st.term, st.account_id, 'user', a.sort_name, a.email, a.created_at, a.status, a.user_type, st.has_role
		FROM st JOIN accounts a ON a.id = st.account_id WHERE true ON CONFLICT DO NOTHING`); err != nil {
		return fmt.Errorf("store: seed: %w", err)
	}
	if _, err := w.tx.exec(ctx, `DROP TABLE temp.seed_terms`); err != nil {
		return fmt.Errorf("store: seed: %w", err)
	}
	return nil
}

func (w *termWriter) close() { w.ins.Close() }
