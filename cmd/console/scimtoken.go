package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

const scimTokenUsage = `scim-token: usage: console scim-token create --db PATH --tenant SLUG [--name NAME]`

// scimToken creates a SCIM bearer token for a tenant's identity provider
// and prints it, for automation. It works in either provisioning mode; the
// token acts only while the tenant's mode is External.
func scimToken(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New(scimTokenUsage)
	}
	fs := newFlags("scim-token create")
	dbPath := fs.String("db", env("CONSOLE_DB", "console.db"), "SQLite database file, or postgres:// URL (CONSOLE_DB)")
	slug := fs.String("tenant", "", "the tenant's slug (required)")
	name := fs.String("name", "Command line", "the token's name, as Settings → Provisioning lists it")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	return createSCIMToken(ctx, st, os.Stdout, os.Stderr, *slug, *name)
}

// createSCIMToken writes the token as out's last line; a note goes to
// notes when the tenant is in Console mode, where the token does nothing
// yet. The operator acts: no account, audited as the command line.
func createSCIMToken(ctx context.Context, st *store.Store, out, notes io.Writer, slug, name string) error {
	name = strings.TrimSpace(name)
	switch {
	case slug == "":
		return errors.New("scim-token: give --tenant SLUG")
	case name == "" || utf8.RuneCountInString(name) > 100 || !utf8.ValidString(name):
		return errors.New("scim-token: --name: give a name of 1 to 100 characters")
	}
	t, err := st.TenantBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("scim-token: no tenant with slug %q", slug)
	}
	if err != nil {
		return err
	}
	pr, err := st.Provisioning(ctx, t.ID)
	if err != nil {
		return err
	}
	token, publicID, hash := auth.NewSCIMToken()
	if _, err := st.CreateSCIMToken(ctx, store.Actor{TenantID: t.ID, IP: "cli"},
		store.NewSCIMToken{PublicID: publicID, SecretHash: hash, Name: name}); err != nil {
		return err
	}
	if pr.Mode != store.ProvisioningExternal {
		fmt.Fprintf(notes, "note: tenant %s is in Console provisioning mode: the token acts only once it is External (Settings → Provisioning, or PATCH /api/v1/settings {\"provisioning\":\"external\"})\n", t.Slug)
	}
	_, err = fmt.Fprintln(out, token)
	return err
}
