package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// setAside drops the table's foreign keys and the indexes no constraint owns,
// and returns the statements that make them again once the rows are in:
// PostgreSQL checks a foreign key over a whole table in one join, and builds
// an index in one sort, several times faster than row by row during COPY.
// All of it happens inside the copy's transaction, so a failed copy leaves
// the schema as it was; the primary keys and UNIQUE constraints stay.
func setAside(ctx context.Context, tx pgx.Tx, table string) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT 'DROP INDEX ' || quote_ident(ic.relname), pg_get_indexdef(x.indexrelid)
		FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
		WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = x.indexrelid)
		UNION ALL
		SELECT 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
			'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, pgName(table))
	if err != nil {
		return nil, fmt.Errorf("read the indexes of %s: %w", table, err)
	}
	var drops, restore []string
	for rows.Next() {
		var drop, create string
		if err := rows.Scan(&drop, &create); err != nil {
			rows.Close()
			return nil, err
		}
		drops, restore = append(drops, drop), append(restore, create)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the indexes of %s: %w", table, err)
	}
	for _, q := range drops {
		if _, err := tx.Exec(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	return restore, nil
}
