package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/console-dev/console/store"
)

const (
	adminEmail  = "admin@demo.example.com"
	adminTenant = "demo"
	seedLimit   = 60 * time.Second // the bound for 100,000 users on two cores
)

// seedLimitFor is the bound for seeding users: a minute up to 100,000, then
// in proportion to the 5 minutes issue 18 gives 1,000,000.
func seedLimitFor(users int) time.Duration {
	return max(seedLimit, time.Duration(users)*(5*time.Minute)/1_000_000)
}

// database is a seeded SQLite file (or PostgreSQL database URL) and the
// password of its administrator.
type database struct {
	path     string
	users    int
	seedTime time.Duration
	password string
}

// name is how the bench prints it: a file's name, a URL without its password.
func (d database) name() string {
	if store.IsPostgres(d.path) {
		return store.Redact(d.path)
	}
	return filepath.Base(d.path)
}

// buildCLI builds the console command into dir, as an operator would.
func buildCLI(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "console")
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	fmt.Println("Building ./cmd/console …")
	if _, err := command(ctx, root, "go", "build", "-o", bin, "./cmd/console"); err != nil {
		return "", err
	}
	return bin, nil
}

// moduleRoot is the directory of go.mod, so the bench runs from any directory of the module.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := command(ctx, "", "go", "env", "GOMOD")
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(out)
	if gomod == "" || gomod == "/dev/null" {
		return "", errors.New("not inside the console module")
	}
	return filepath.Dir(gomod), nil
}

// prepareDB seeds users into a new database, timing it, then resets the
// administrator's password so the bench can sign in.
func prepareDB(ctx context.Context, bin, path string, users int) (database, error) {
	db := database{path: path, users: users}
	fmt.Printf("Seeding %d users into %s …\n", users, db.name())
	sctx, cancel := context.WithTimeout(ctx, 3*seedLimitFor(users))
	defer cancel()
	start := time.Now()
	out, err := command(sctx, "", bin, "seed", "--db", path, "--users", fmt.Sprint(users))
	db.seedTime = time.Since(start)
	if err != nil {
		return db, err
	}
	fmt.Print(indent(out))
	fmt.Printf("  wall clock: %s\n", db.seedTime.Round(time.Millisecond))
	return db, db.signInAs(ctx, bin)
}

// signInAs resets the administrator's password, so the bench can sign in.
func (db *database) signInAs(ctx context.Context, bin string) error {
	out, err := command(ctx, "", bin, "admin", "--db", db.path, "--email", adminEmail, "--tenant", adminTenant)
	if err != nil {
		return err
	}
	db.password, err = passwordFrom(out)
	return err
}

// passwordFrom reads the password at the end of "console admin"'s line.
func passwordFrom(out string) (string, error) {
	line := strings.TrimSpace(out)
	i := strings.LastIndex(line, ": ")
	if i < 0 || strings.TrimSpace(line[i+2:]) == "" {
		return "", fmt.Errorf("no password in %q", line)
	}
	return strings.TrimSpace(line[i+2:]), nil
}

// command runs name in dir and returns its standard output; stderr goes into the error.
func command(ctx context.Context, dir, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), nil
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return ""
	}
	return "  " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}
