// Package testdb gives each test a database of its own: a SQLite file in the
// test's temporary folder, or, when CONSOLE_TEST_DB names a PostgreSQL
// server (postgres://user@host:port/db, a role that may create databases), a
// new database on that server, copied from a migrated template and dropped
// when the test ends.
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Env names the variable holding the PostgreSQL server's URL.
const Env = "CONSOLE_TEST_DB"

// Postgres reports whether the tests run on PostgreSQL.
func Postgres() bool {
	v := os.Getenv(Env)
	return strings.HasPrefix(v, "postgres://") || strings.HasPrefix(v, "postgresql://")
}

// Migrate brings a new, empty database (a path or a URL) to the newest schema.
type Migrate func(ctx context.Context, db string) error

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
	tplMu     sync.Mutex
	templates = map[string]string{} // migration hash → template database name
)

// DB returns a fresh database for tb: a file path, or a PostgreSQL URL.
// migrations names the schema's files (any fs.FS holding them), so that a
// template made from other migrations is never reused; migrate makes the
// template the first time.
func DB(tb testing.TB, migrations fs.FS, migrate Migrate) string {
	tb.Helper()
	server := os.Getenv(Env)
	if server != "" && !Postgres() {
		// A mistyped URL would otherwise run the PostgreSQL leg on SQLite, green.
		tb.Fatalf("%s=%q is not a postgres:// URL", Env, server)
	}
	if !Postgres() {
		return filepath.Join(tb.TempDir(), "console.db")
	}
	ctx := context.Background()
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", direct(server))
		if adminErr == nil {
			admin.SetMaxOpenConns(4)
			adminErr = admin.PingContext(ctx)
		}
	})
	if adminErr != nil {
		tb.Fatalf("%s=%s: %v", Env, server, adminErr)
	}
	tpl, err := template(ctx, server, migrations, migrate)
	if err != nil {
		tb.Fatalf("test database template: %v", err)
	}
	name := "t_" + random()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name+` TEMPLATE `+tpl+` STRATEGY FILE_COPY`); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	})
	return withDatabase(server, name)
}

// template returns the migrated template database of these migrations,
// making it once per server: an advisory lock keeps test binaries running
// side by side from making it twice.
func template(ctx context.Context, server string, migrations fs.FS, migrate Migrate) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations, p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))[:16]
	tplMu.Lock()
	defer tplMu.Unlock()
	if name, ok := templates[sum]; ok {
		return name, nil
	}
	name := "console_tpl_" + sum
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7310)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(7310)`)
	var ready bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)`, name).Scan(&ready); err != nil {
		return "", err
	}
	if !ready {
		building := name + "_new"
		if _, err := conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+building+` WITH (FORCE)`); err != nil {
			return "", err
		}
		if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+building); err != nil {
			return "", err
		}
		if err := migrate(ctx, withDatabase(server, building)); err != nil {
			return "", err
		}
		for _, q := range []string{`ALTER DATABASE ` + building + ` RENAME TO ` + name, `ALTER DATABASE ` + name + ` IS_TEMPLATE true`} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return "", fmt.Errorf("%s: %w", q, err)
			}
		}
	}
	templates[sum] = name
	return name, nil
}

// withDatabase is the server's URL naming another database.
func withDatabase(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(err) // checked by the admin connection already
	}
	u.Path = "/" + name
	return u.String()
}

// direct is a URL for a connection of the tests' own: without the store's
// pool_max_conns, which PostgreSQL would refuse as an unknown setting.
func direct(db string) string {
	u, err := url.Parse(db)
	if err != nil {
		return db // sql.Open reports it
	}
	q := u.Query()
	q.Del("pool_max_conns")
	u.RawQuery = q.Encode()
	return u.String()
}

func random() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// NeedPostgres skips a test that needs PostgreSQL in the SQLite leg of the
// tests. A missing server is no skip where it matters: make test's
// PostgreSQL leg sets CONSOLE_TEST_DB (and fails in CI when no server
// starts), and DB fails when the server it names does not answer.
func NeedPostgres(tb testing.TB) {
	tb.Helper()
	if !Postgres() {
		tb.Skipf("needs PostgreSQL: runs in make test's PostgreSQL leg (%s)", Env)
	}
}
