// Command console runs the Console admin web console and its operator tools.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
	_ "time/tzdata" // time zones work on machines without tzdata
)

const usage = `Console: the admin web console for your product's user accounts.

Usage:
  console serve  [--addr ADDR] [--db PATH]       run the web console
  console seed   --db PATH --users N              add realistic demo users
  console admin  --db PATH --email EMAIL          create or reset an administrator, print a new password
  console backup --db PATH --out FILE             write a consistent copy of the SQLite database
                                                  (on PostgreSQL it prints the pg_dump command to use)
  console copy   --from PATH --to URL             copy a stopped console's SQLite file into an empty
                                                  PostgreSQL database (postgres://user@host:port/db)
  console apikey create --db PATH --email EMAIL --name NAME [--expires 90d]
                                                  print a new API key for that account (--login for a service account)
  console scim-token create --db PATH --tenant SLUG [--name NAME]
                                                  print a new SCIM token for the tenant's identity provider
                                                  (made in either mode; it acts only while provisioning is External)

--db is a SQLite file (PATH) or a PostgreSQL URL: postgres://user:pass@host:5432/db?sslmode=require.
Every flag also reads an environment variable: --addr is CONSOLE_ADDR, --db is CONSOLE_DB, and so on.
Run "console COMMAND -h" for a command's flags.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmds := map[string]func(context.Context, []string) error{
		"serve": serve, "seed": seed, "admin": admin, "backup": backup, "apikey": apikey,
		"scim-token": scimToken, "copy": copyCmd,
	}
	run, ok := cmds[os.Args[1]]
	if !ok {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err := run(ctx, os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "console:", err)
		os.Exit(1)
	}
}

// env returns the CONSOLE_* variable or def, so flags default to the environment.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(env(name, "")); err == nil {
		return d
	}
	return def
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(env(name, "")); err == nil {
		return n
	}
	return def
}

func envFloat(name string, def float64) float64 {
	if f, err := strconv.ParseFloat(env(name, ""), 64); err == nil {
		return f
	}
	return def
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("console "+name, flag.ContinueOnError)
	return fs
}

func newLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}

// envBool reads a true/false variable (1, true, yes...); unset or unreadable is false.
func envBool(name string) bool {
	b, err := strconv.ParseBool(env(name, ""))
	return err == nil && b
}
