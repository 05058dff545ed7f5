// Package store keeps Console's data in SQL: one file per entity, every query on
// tenant-owned rows scoped by tenant id.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// ErrNotFound means no row matched, including rows of another tenant.
var ErrNotFound = errors.New("store: not found")

// ErrConflict means a unique value is taken; the Conflict error names the field.
var ErrConflict = errors.New("store: conflict")

// ErrUnconfirmed refuses activating a self-registration whose address is
// not confirmed: nobody has proven the mailbox nor chosen a password yet.
var ErrUnconfirmed = errors.New("store: registration not confirmed")

// ErrLastManager means a change would leave a tenant with nobody able to manage users.
var ErrLastManager = errors.New("store: last user manager")

// Conflict reports which unique field a write collided on.
type Conflict struct{ Field string }

func (c *Conflict) Error() string { return "store: " + c.Field + " already taken" }

// Unwrap makes errors.Is(err, ErrConflict) hold.
func (c *Conflict) Unwrap() error { return ErrConflict }

// Store keeps its data in SQLite or PostgreSQL. On SQLite it reads through a
// pool and writes through a single connection, so concurrent writers queue in
// Go instead of failing with SQLITE_BUSY; on PostgreSQL one pool does both and
// write transactions are serializable (see tx).
type Store struct {
	r, w       *sql.DB
	pg         bool
	now        func() time.Time
	statements atomic.Int64
	prepared   sync.Map // query text → *sql.Stmt on the read pool (SQLite)
	texts      sync.Map // query text → its PostgreSQL text
	denseLimit int      // see account_list.go
}

// Open opens the database db names and migrates it: a postgres:// (or
// postgresql://) URL is a PostgreSQL database, anything else the path of a
// SQLite file, created if needed.
func Open(ctx context.Context, db string) (*Store, error) {
	if IsPostgres(db) {
		return openPostgres(ctx, db)
	}
	return openSQLite(ctx, db)
}

// IsPostgres tells a PostgreSQL URL from a SQLite path.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Postgres reports whether the store is on PostgreSQL.
func (s *Store) Postgres() bool { return s.pg }

func openSQLite(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	// 32 MiB of page cache per connection and reads through mmap: a 100,000-user
	// database then answers list pages from memory.
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)",
		"cache_size(-32768)", "mmap_size(268435456)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	w, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w, false); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s := &Store{r: r, w: w, now: time.Now, denseLimit: denseLimit}
	if err := foldLoginKeys(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the pools; SQLite checkpoints its WAL on the last close.
func (s *Store) Close() error {
	s.prepared.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	if s.r == s.w {
		return s.r.Close()
	}
	return errors.Join(s.r.Close(), s.w.Close())
}

// SetBusyTimeout sets how long a SQLite write waits for another process's
// lock before it fails as busy (10 s unless set), for tests of what a busy
// database does; PostgreSQL ignores it.
func (s *Store) SetBusyTimeout(ctx context.Context, d time.Duration) error {
	if s.pg {
		return nil
	}
	_, err := s.w.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", d.Milliseconds()))
	return err
}

// SetClock replaces the clock, for tests of expiry and throttling.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Statements is how many SQL statements this store has run, for tests that
// check a page costs a constant number of queries.
func (s *Store) Statements() int64 { return s.statements.Load() }

// stmt returns a prepared statement for a read query: parsing SQL costs more
// than running a keyset page, and the set of query texts is small and fixed.
func (s *Store) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.prepared.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.prepared.LoadOrStore(q, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	s.statements.Add(1)
	if s.pg { // pgx keeps its own statement cache per connection
		q, args = s.sql(q, args)
		return s.r.QueryContext(ctx, q, args...)
	}
	q, args, stable := bindNow(q, args)
	if !stable { // a text with the time still in it is used once
		return s.r.QueryContext(ctx, q, args...)
	}
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	s.statements.Add(1)
	if s.pg {
		q, args = s.sql(q, args)
		return s.r.QueryRowContext(ctx, q, args...)
	}
	q, args, stable := bindNow(q, args)
	if !stable { // a text with the time still in it is used once
		return s.r.QueryRowContext(ctx, q, args...)
	}
	st, err := s.stmt(ctx, q)
	if err != nil {
		return s.r.QueryRowContext(ctx, q, args...) // reports the same error through Scan
	}
	return st.QueryRowContext(ctx, args...)
}

// writeRow runs a statement that writes and returns one row (… RETURNING).
func (s *Store) writeRow(ctx context.Context, q string, args ...any) *sql.Row {
	s.statements.Add(1)
	q, args = s.sql(q, args)
	return s.w.QueryRowContext(ctx, q, args...)
}

// writeRows runs a statement that writes and returns rows (… RETURNING).
func (s *Store) writeRows(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	s.statements.Add(1)
	q, args = s.sql(q, args)
	return s.w.QueryContext(ctx, q, args...)
}

func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	s.statements.Add(1)
	q, args = s.sql(q, args)
	return s.w.ExecContext(ctx, q, args...)
}

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	t.s.statements.Add(1)
	q, args = t.s.sql(q, args)
	return t.tx.ExecContext(ctx, q, args...)
}

func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	t.s.statements.Add(1)
	q, args = t.s.sql(q, args)
	return t.tx.QueryRowContext(ctx, q, args...)
}

func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	t.s.statements.Add(1)
	q, args = t.s.sql(q, args)
	return t.tx.QueryContext(ctx, q, args...)
}

func (s *Store) unix() int64 { return s.now().Unix() }
