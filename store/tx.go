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
	hadManager bool  // see noteManager
	tree       int64 // the tenant tree whose writers this transaction holds off (PostgreSQL; see serialize)
}

// txAttempts bounds how often a PostgreSQL transaction that lost a race (a
// deadlock, a serialization failure) is run again.
const txAttempts = 40

// tx runs fn in one write transaction, committing when fn returns nil: a
// business action and its audit event land together or not at all. Every rule
// fn checks holds when it commits. SQLite runs one writer at a time (BEGIN
// IMMEDIATE). PostgreSQL runs writers at once: a transaction that checks a
// rule of a tenant first takes its tree's row lock (serialize, from begin,
// guarded and the checks themselves), so the writers of one tenant tree
// queue as on SQLite and see each other's commits, while other trees commit
// in parallel. A deadlock or serialization failure runs fn again from the
// start, so fn must only read and write through tx and set what it returns
// afresh on every run.
func (s *Store) tx(ctx context.Context, fn func(*Tx) error) error {
	return s.txAt(ctx, sql.LevelReadCommitted, fn)
}

// txSerializable is tx at SERIALIZABLE on PostgreSQL, for a check-then-write
// that belongs to no tenant (a throttle's count): its transaction is small,
// and a lost race runs it again.
func (s *Store) txSerializable(ctx context.Context, fn func(*Tx) error) error {
	return s.txAt(ctx, sql.LevelSerializable, fn)
}

func (s *Store) txAt(ctx context.Context, level sql.IsolationLevel, fn func(*Tx) error) error {
	if !s.pg {
		return s.once(ctx, nil, fn)
	}
	opts := &sql.TxOptions{Isolation: level}
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
	if _, dry := rehearsal(ctx); dry {
		return sqlTx.Rollback()
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

// serialize makes the transaction the only writer of tenantID's tree until
// it ends (PostgreSQL: a lock on the tree's root row, taken once; SQLite has
// one writer anyway). Every transaction that checks a rule of a tenant
// takes it before reading what the rule depends on, so what it reads is
// what the others committed, and nothing it read changes before it commits.
func (t *Tx) serialize(ctx context.Context, tenantID int64) error {
	if !t.s.pg || tenantID == 0 || t.tree != 0 {
		return nil
	}
	var root int64
	err := t.queryRow(ctx, `SELECT id FROM tenants WHERE id = (SELECT COALESCE(NULLIF(root_id, 0), id) FROM tenants WHERE id = ?)
		FOR UPDATE`, tenantID).Scan(&root)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // no such tenant: the change finds nothing to change either
	}
	if err != nil {
		return fmt.Errorf("store: lock tenant tree: %w", err)
	}
	t.tree = root
	return nil
}
