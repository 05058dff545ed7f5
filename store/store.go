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
	"sync"
	"sync/atomic"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
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

// Store reads through a pool and writes through a single connection, so
// concurrent writers queue in Go instead of failing with SQLITE_BUSY.
type Store struct {
	r, w       *sql.DB
	now        func() time.Time
	statements atomic.Int64
	prepared   sync.Map // query text → *sql.Stmt on the read pool
	denseLimit int      // see account_list.go
}

// Open opens (creating if needed) the SQLite file at path and migrates it.
func Open(ctx context.Context, path string) (*Store, error) {
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
	if err := migrate(ctx, w); err != nil {
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

func migrate(ctx context.Context, db *sql.DB) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrationsFS())
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// Close closes both pools; the WAL is checkpointed by SQLite on the last close.
func (s *Store) Close() error {
	s.prepared.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	return errors.Join(s.r.Close(), s.w.Close())
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
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	s.statements.Add(1)
	st, err := s.stmt(ctx, q)
	if err != nil {
		return s.r.QueryRowContext(ctx, q, args...) // reports the same error through Scan
	}
	return st.QueryRowContext(ctx, args...)
}

func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	s.statements.Add(1)
	return s.w.ExecContext(ctx, q, args...)
}

// Tx is a write transaction; its statements are counted like the store's.
type Tx struct {
	tx         *sql.Tx
	s          *Store
	hadManager bool // see noteManager
}

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	t.s.statements.Add(1)
	return t.tx.ExecContext(ctx, q, args...)
}

func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	t.s.statements.Add(1)
	return t.tx.QueryRowContext(ctx, q, args...)
}

func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	t.s.statements.Add(1)
	return t.tx.QueryContext(ctx, q, args...)
}

// tx runs fn in one write transaction (BEGIN IMMEDIATE), committing when fn
// returns nil: a business action and its audit event land together or not at all.
func (s *Store) tx(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := s.w.BeginTx(ctx, nil)
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

func (s *Store) unix() int64 { return s.now().Unix() }
