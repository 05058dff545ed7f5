package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// apikey creates an API key for an account and prints it, for automation
// (a deployment script provisioning the key of its own service account).
func apikey(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New(`apikey: usage: console apikey create --db PATH (--email EMAIL | --login LOGIN) --name NAME [--expires 90d]`)
	}
	fs := newFlags("apikey create")
	dbPath := fs.String("db", env("CONSOLE_DB", "console.db"), "SQLite database file, or postgres:// URL (CONSOLE_DB)")
	email := fs.String("email", "", "the account's email")
	login := fs.String("login", "", "the account's login, for a service account (svc.<name>)")
	name := fs.String("name", "", "the key's name, as lists show it")
	expires := fs.String("expires", "90d", "lifetime: "+strings.Join(form.KeyExpiries, ", "))
	slug := fs.String("tenant", "", "tenant slug (default: the first tenant)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	return createKey(ctx, st, os.Stdout, *slug, *email, *login, strings.TrimSpace(*name), *expires)
}

func createKey(ctx context.Context, st *store.Store, out io.Writer, slug, email, login, name, expires string) error {
	if (email == "") == (login == "") {
		return errors.New("apikey: give --email or --login")
	}
	life, errs := form.Key(ctx, name, expires)
	if len(errs) > 0 {
		var msgs []string
		for field, msg := range errs {
			msgs = append(msgs, "--"+field+": "+msg)
		}
		sort.Strings(msgs)
		return errors.New("apikey: " + strings.Join(msgs, "; "))
	}
	t, err := pickTenant(ctx, st, slug)
	if err != nil {
		return fmt.Errorf("apikey: tenant: %w", err)
	}
	var a store.Account
	if email != "" {
		a, err = st.AccountByEmail(ctx, t.ID, email)
	} else {
		a, err = st.AccountByLogin(ctx, t.ID, login)
	}
	if errors.Is(err, store.ErrNotFound) {
		return errors.New("apikey: no such account in tenant " + t.Slug)
	}
	if err != nil {
		return err
	}
	key, publicID, hash := auth.NewAPIKey()
	n := store.NewAPIKey{AccountID: a.ID, PublicID: publicID, SecretHash: hash, Name: name}
	if life > 0 {
		n.ExpiresAt = time.Now().Add(life)
	}
	if _, err := st.CreateAPIKey(ctx, store.Actor{TenantID: t.ID, IP: "cli"}, n); err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, key)
	return err
}
