package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// ErrTargetNotEmpty refuses a copy into a database that already holds data:
// the copy keeps ids, and merging two databases is not what it does.
var ErrTargetNotEmpty = errors.New("store: copy: the target database is not empty")

// CopiedTable is a table Copy filled and how many rows it holds.
type CopiedTable struct {
	Name string
	Rows int64
}

// Copy copies every table of from, a SQLite store, into to, an empty
// PostgreSQL store migrated to the same version, keeping every id. It runs in
// one PostgreSQL transaction: on any error the target is left as it was. The
// tables are written in foreign-key order with COPY, each identity column is
// restarted past the highest id copied, and the row count of every table is
// checked against the source's before the commit. progress, if not nil,
// receives a line per table.
func Copy(ctx context.Context, from, to *Store, progress io.Writer) ([]CopiedTable, error) {
	if from.pg || !to.pg {
		return nil, errors.New("store: copy: the source must be a SQLite store and the target a PostgreSQL one")
	}
	if progress == nil {
		progress = io.Discard
	}
	// The source is read in one transaction, a snapshot of a single moment;
	// SQLite's writer lock it takes also keeps this process's writes out.
	src, err := from.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: copy: lock the source (is a console still running on it?): %w", err)
	}
	defer src.Rollback()
	tables, err := sqliteTables(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("store: copy: read the source's tables: %w", err)
	}
	srcVersion, err := sqliteVersion(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("store: copy: read the source's schema version: %w", err)
	}
	conn, err := to.w.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: copy: connect to the target: %w", err)
	}
	defer conn.Close()
	var copied []CopiedTable
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		dst, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer dst.Rollback(ctx)
		c := &copier{src: src, dst: dst, progress: progress}
		if copied, err = c.run(ctx, tables, srcVersion); err != nil {
			return err
		}
		return dst.Commit(ctx)
	})
	if err != nil {
		if errors.Is(err, ErrTargetNotEmpty) {
			return nil, err
		}
		return nil, fmt.Errorf("store: copy: %w", err)
	}
	// Fresh statistics, so that the first pages served plan like later ones.
	for _, t := range copied {
		if _, err := to.w.ExecContext(ctx, `ANALYZE `+pgName(t.Name)); err != nil {
			return copied, fmt.Errorf("store: copy: analyze %s: %w", t.Name, err)
		}
	}
	return copied, nil
}

// copier is one copy's two transactions.
type copier struct {
	src      *sql.Tx
	dst      pgx.Tx
	progress io.Writer
}

func (c *copier) run(ctx context.Context, tables []copyTable, srcVersion int64) ([]CopiedTable, error) {
	dstVersion, err := postgresVersion(ctx, c.dst)
	if err != nil {
		return nil, fmt.Errorf("read the target's schema version: %w", err)
	}
	if dstVersion != srcVersion {
		return nil, fmt.Errorf("the source is at schema version %d and the target at %d: open both with the same console version", srcVersion, dstVersion)
	}
	target, err := postgresColumns(ctx, c.dst)
	if err != nil {
		return nil, fmt.Errorf("read the target's tables: %w", err)
	}
	if err := c.sameTables(tables, target); err != nil {
		return nil, err
	}
	// Writers wait until the copy commits (a console started on the target
	// meanwhile, or a second copy), and then find the tables filled.
	var names []string
	for name := range target {
		names = append(names, pgName(name))
	}
	slices.Sort(names)
	if _, err := c.dst.Exec(ctx, `LOCK TABLE `+strings.Join(names, ", ")+` IN EXCLUSIVE MODE`); err != nil {
		return nil, fmt.Errorf("lock the target's tables: %w", err)
	}
	if err := c.empty(ctx, target); err != nil {
		return nil, err
	}
	var out []CopiedTable
	for _, t := range tables {
		start := time.Now()
		n, err := c.table(ctx, t, target[t.name])
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(c.progress, "  %-24s %9d rows  %s\n", t.name, n, time.Since(start).Round(time.Millisecond))
		out = append(out, CopiedTable{Name: t.name, Rows: n})
	}
	return out, nil
}

// sameTables refuses a target whose tables or columns differ from the source's.
func (c *copier) sameTables(tables []copyTable, target map[string][]pgColumn) error {
	var why []string
	seen := map[string]bool{}
	for _, t := range tables {
		seen[t.name] = true
		cols, ok := target[t.name]
		if !ok {
			why = append(why, "the target has no table "+t.name)
			continue
		}
		if w := sameColumns(t.columns, cols); w != "" {
			why = append(why, t.name+": "+w)
		}
	}
	for name := range target {
		if !seen[name] {
			why = append(why, "the source has no table "+name)
		}
	}
	if len(why) > 0 {
		slices.Sort(why)
		return fmt.Errorf("the schemas differ: %s", strings.Join(why, "; "))
	}
	return nil
}

// empty refuses a target holding a row in any table.
func (c *copier) empty(ctx context.Context, target map[string][]pgColumn) error {
	var full []string
	for name := range target {
		var rows bool
		if err := c.dst.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+pgName(name)+`)`).Scan(&rows); err != nil {
			return fmt.Errorf("read %s on the target: %w", name, err)
		}
		if rows {
			full = append(full, name)
		}
	}
	if len(full) > 0 {
		slices.Sort(full)
		return fmt.Errorf("%w: %s hold rows (copy into a new, empty database; a console started on it creates its first tenant)",
			ErrTargetNotEmpty, strings.Join(full, ", "))
	}
	return nil
}

// table copies one table, moves its identity past the copied ids, and checks
// that both sides now count the same rows.
func (c *copier) table(ctx context.Context, t copyTable, target []pgColumn) (int64, error) {
	byName := map[string]pgColumn{}
	for _, col := range target {
		byName[col.name] = col
	}
	cols := make([]pgColumn, len(t.columns))
	quoted := make([]string, len(t.columns))
	for i, name := range t.columns {
		cols[i], quoted[i] = byName[name], sqliteName(name)
	}
	var want int64
	if err := c.src.QueryRowContext(ctx, `SELECT count(*) FROM `+sqliteName(t.name)).Scan(&want); err != nil {
		return 0, fmt.Errorf("count %s on the source: %w", t.name, err)
	}
	rows, err := c.src.QueryContext(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM `+sqliteName(t.name))
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", t.name, err)
	}
	defer rows.Close()
	restore, err := setAside(ctx, c.dst, t.name)
	if err != nil {
		return 0, err
	}
	rs := newRowSource(t.name, cols, rows)
	n, err := c.dst.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, rs)
	if err != nil {
		if rs.Err() != nil {
			return 0, rs.Err() // names the table, row and column
		}
		return 0, fmt.Errorf("copy %s: %w", t.name, withDetail(err))
	}
	for _, q := range restore {
		if _, err := c.dst.Exec(ctx, q); err != nil {
			return 0, fmt.Errorf("%s: the copied rows break a rule of the schema (%s): %w", t.name, q, withDetail(err))
		}
	}
	for _, col := range cols {
		if err := c.restart(ctx, t.name, col); err != nil {
			return 0, err
		}
	}
	var got int64
	if err := c.dst.QueryRow(ctx, `SELECT count(*) FROM `+pgName(t.name)).Scan(&got); err != nil {
		return 0, fmt.Errorf("count %s on the target: %w", t.name, err)
	}
	if got != want || n != want {
		return 0, fmt.Errorf("%s: the source holds %d rows, %d were copied and the target holds %d", t.name, want, n, got)
	}
	return got, nil
}

// restart makes the next id a database gives in col follow the highest
// copied: ALTER ... RESTART for an identity column, which rolls back with the
// transaction, setval for a serial one.
func (c *copier) restart(ctx context.Context, table string, col pgColumn) error {
	if !col.identity && col.sequence == "" {
		return nil
	}
	var top *int64
	if err := c.dst.QueryRow(ctx, `SELECT max(`+pgName(col.name)+`) FROM `+pgName(table)).Scan(&top); err != nil {
		return fmt.Errorf("read the highest %s.%s: %w", table, col.name, err)
	}
	if top == nil {
		return nil // nothing copied: the sequence still starts at 1
	}
	var err error
	if col.identity {
		_, err = c.dst.Exec(ctx, fmt.Sprintf(`ALTER TABLE %s ALTER COLUMN %s RESTART WITH %d`, pgName(table), pgName(col.name), *top+1))
	} else {
		_, err = c.dst.Exec(ctx, `SELECT setval($1, $2)`, col.sequence, *top)
	}
	if err != nil {
		return fmt.Errorf("advance the ids of %s.%s: %w", table, col.name, err)
	}
	return nil
}

// withDetail adds PostgreSQL's detail (which row, which key) to its error.
func withDetail(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Detail != "" {
		return fmt.Errorf("%w: %s", err, pe.Detail)
	}
	return err
}
