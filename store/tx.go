package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Tx is a write transaction; its statements are counted like the store's.
type Tx struct {
	tx         *sql.Tx
	s          *Store
	hadManager bool // see noteManager
}

// txAttempts bounds how often a PostgreSQL transaction that lost a
// serialization race is run again: enough for a hundred writers of one
// tenant at once, which the tests run.
const txAttempts = 40

// tx runs fn in one write transaction, committing when fn returns nil: a
// business action and its audit event land together or not at all. Every rule
// fn checks holds when it commits: SQLite runs one writer at a time (BEGIN
// IMMEDIATE), and PostgreSQL runs the transaction SERIALIZABLE, running fn
// again from the start when another transaction got in its way. So fn must
// only read and write through tx and set what it returns afresh on every run.
func (s *Store) tx(ctx context.Context, fn func(*Tx) error) error {
	if !s.pg {
		return s.once(ctx, nil, fn)
	}
	opts := &sql.TxOptions{Isolation: sql.LevelSerializable}
	for attempt := 1; ; attempt++ {
		err := s.once(ctx, opts, fn)
		if err == nil || attempt == txAttempts || !retryable(err) {
			return err
		}
		// Wait a little, up to twice as long each time (at most 64 ms), so
		// that the racers spread out.
		wait := time.Duration(rand.Int64N(int64(time.Millisecond)<<min(attempt, 6))) + time.Millisecond
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func (s *Store) once(ctx context.Context, opts *sql.TxOptions, fn func(*Tx) error) error {
	sqlTx, err := s.w.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Tx{tx: sqlTx, s: s}); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// retryable is a PostgreSQL serialization failure or deadlock: the
// transaction did nothing and may run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// insert runs an INSERT of one row and returns its new id.
func (t *Tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, q+` RETURNING id`, args...).Scan(&id)
	return id, err
}

// stmt is a statement prepared in a transaction, for a bulk import.
type stmt struct {
	st *sql.Stmt
	s  *Store
}

// prepare prepares q for many runs in t.
func (t *Tx) prepare(ctx context.Context, q string) (*stmt, error) {
	q, _ = t.s.sql(q, nil)
	st, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &stmt{st: st, s: t.s}, nil
}

func (st *stmt) exec(ctx context.Context, args ...any) error {
	st.s.statements.Add(1)
	_, args = st.s.sql("", args)
	_, err := st.st.ExecContext(ctx, args...)
	return err
}

func (st *stmt) queryRow(ctx context.Context, args ...any) *sql.Row {
	st.s.statements.Add(1)
	_, args = st.s.sql("", args)
	return st.st.QueryRowContext(ctx, args...)
}

func (st *stmt) Close() error { return st.st.Close() }
