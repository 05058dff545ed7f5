package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// admin creates an administrator, or gives an existing one a new random
// password: the way back in for an operator locked out of the console.
func admin(ctx context.Context, args []string) error {
	fs := newFlags("admin")
	dbPath := fs.String("db", env("CONSOLE_DB", "console.db"), "SQLite database file, or postgres:// URL (CONSOLE_DB)")
	email := fs.String("email", env("CONSOLE_ADMIN_EMAIL", ""), "administrator's email (CONSOLE_ADMIN_EMAIL)")
	slug := fs.String("tenant", "", "tenant slug (default: the first tenant)")
	existing := fs.Bool("existing", false, "only give an existing account a new password; create nobody")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("admin: --email is required")
	}
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	password := auth.RandomPassword()
	hash, err := auth.NewHasher(time.Minute).Hash(ctx, password)
	if err != nil {
		return err
	}
	t, err := pickTenant(ctx, st, *slug)
	if errors.Is(err, store.ErrNotFound) && *slug == "" {
		if _, err := createTenantWithAdmin(ctx, st, "Default", *email, password); err != nil {
			return err
		}
		fmt.Printf("Created tenant \"Default\" and administrator %s with password: %s\n", *email, password)
		return nil
	}
	if err != nil {
		return err
	}
	a, err := st.AccountByEmail(ctx, t.ID, strings.ToLower(*email))
	switch {
	case errors.Is(err, store.ErrNotFound) && *existing:
		fmt.Printf("No account %s in tenant %q (a database seeded before it existed: remove it to seed anew)\n", *email, t.Name)
		return nil
	case errors.Is(err, store.ErrNotFound):
		_, err = st.CreateAccount(ctx, store.Actor{TenantID: t.ID, IP: "cli"}, adminAccount(*email, hash))
		if err == nil {
			fmt.Printf("Created administrator %s in tenant %q with password: %s\n", *email, t.Name, password)
		}
		return err
	case err != nil:
		return err
	}
	switch {
	case a.Kind != "user":
		return fmt.Errorf("admin: %s in tenant %q is an application's account: give a person's address", a.Email, t.Name)
	case a.AuthMethod != "password":
		// A password on an SSO account would let nobody in (it signs in at
		// its provider only): the way back in is a password Admin beside it.
		return fmt.Errorf("admin: %s in tenant %q signs in with single sign-on, not a password: "+
			"run again with another address to create a password administrator", a.Email, t.Name)
	}
	if err := st.SetPasswordHash(ctx, t.ID, a.ID, hash); err != nil {
		return err
	}
	if a.Status != "active" {
		if _, err := st.SetStatus(ctx, store.Actor{TenantID: t.ID, IP: "cli"}, a.ID, "active"); err != nil {
			return err
		}
	}
	fmt.Printf("New password for %s in tenant %q: %s\n", a.Email, t.Name, password)
	return nil
}

func pickTenant(ctx context.Context, st *store.Store, slug string) (store.Tenant, error) {
	if slug != "" {
		return st.TenantBySlug(ctx, slug)
	}
	return st.Tenant(ctx, 1)
}

func adminAccount(email, hash string) store.NewAccount {
	local, _, _ := strings.Cut(email, "@")
	return store.NewAccount{
		Profile: store.Profile{FirstName: "Console", LastName: "Administrator", Email: strings.ToLower(email),
			Language: "browser", TimeZone: "UTC", Currency: "USD", UserType: "admin"},
		Login: local, Status: "active", AuthMethod: "password", PasswordHash: hash}
}

// createTenantWithAdmin makes a root tenant with its built-in roles and an Admin.
func createTenantWithAdmin(ctx context.Context, st *store.Store, name, email, password string) (store.Tenant, error) {
	hash, err := auth.NewHasher(time.Minute).Hash(ctx, password)
	if err != nil {
		return store.Tenant{}, err
	}
	slug := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), " ", "-"))
	t, err := st.CreateTenant(ctx, name, slug, 0, auth.BuiltinRoles())
	if err != nil {
		return t, err
	}
	acct := adminAccount(email, hash)
	roles, err := st.Roles(ctx, t.ID)
	if err != nil {
		return t, err
	}
	for _, r := range roles {
		if r.BuiltinKey == "tenant_admin" {
			acct.RoleIDs = []int64{r.ID}
		}
	}
	_, err = st.CreateAccount(ctx, store.Actor{TenantID: t.ID, IP: "cli"}, acct)
	return t, err
}
