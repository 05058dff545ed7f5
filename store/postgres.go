package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// DefaultPool is how many connections a process opens to PostgreSQL at most,
// unless the URL says pool_max_conns.
const DefaultPool = 16

// openPostgres opens the database of a postgres:// URL and migrates it. The URL
// takes PostgreSQL's parameters (sslmode, statement_timeout, ...) and
// pool_max_conns, the size of this process's pool.
func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	u, err := url.Parse(dsn)
	if err != nil { // said without the URL, which may hold a password
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("store: database URL: %w", err)
	}
	q := u.Query()
	pool := DefaultPool
	if v := q.Get("pool_max_conns"); v != "" {
		if pool, err = strconv.Atoi(v); err != nil || pool < 1 {
			return nil, fmt.Errorf("store: database URL: pool_max_conns %q is not a positive number", v)
		}
		q.Del("pool_max_conns")
		u.RawQuery = q.Encode()
	}
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db.SetMaxOpenConns(pool)
	db.SetMaxIdleConns(pool)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	if err := migrate(ctx, db, true); err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{r: db, w: db, pg: true, now: time.Now, denseLimit: denseLimit}
	if err := foldLoginKeys(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Redact is db as it may be logged: a URL's password, in its user part or
// a parameter, is replaced.
func Redact(db string) string {
	if !IsPostgres(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	q := u.Query()
	for _, k := range []string{"password", "sslpassword"} { // the other places a password goes
		if q.Has(k) {
			q.Set(k, "xxxxx")
		}
	}
	u.RawQuery = q.Encode()
	return u.Redacted()
}
