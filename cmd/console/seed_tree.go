package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// demoProviderEmail is the service provider's user who manages two customers
// with different roles; "console admin" gives it a password, as make run does.
const demoProviderEmail = "sam.provider@demo.example.com"

// demoCustomer is a customer of the demo service provider, with its regional
// sub-tenants and how many people it has at home.
type demoCustomer struct {
	name, slug, domain string
	people             int
	regions            [][2]string // name, slug
}

var demoCustomers = []demoCustomer{
	{"Acme Corporation", "acme", "acme.example", 40, nil},
	{"Globex", "globex", "globex.example", 30, [][2]string{{"Globex EU", "globex-eu"}, {"Globex US", "globex-us"}}},
	{"Initech", "initech", "initech.example", 20, nil},
}

// seedTree makes the demo tenant a service provider, once: three customers
// (one with two regional sub-tenants) with their own people, the demo
// administrator and a few of the provider's people pushed down, and a
// provider user managing Acme as User Manager and Globex as Auditor.
func seedTree(ctx context.Context, st *store.Store, provider store.Tenant, providerRoles map[string]int64) error {
	if _, err := st.TenantBySlug(ctx, demoCustomers[0].slug); err == nil {
		return nil // seeded before
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	var admins, staff []int64
	if admin, err := st.AccountByEmail(ctx, provider.ID, env("CONSOLE_ADMIN_EMAIL", "admin@demo.example.com")); err == nil {
		admins = append(admins, admin.ID)
	}
	page, err := st.ListUsers(ctx, provider.ID, store.UserFilter{Limit: 8})
	if err != nil {
		return err
	}
	for _, a := range page.Accounts {
		if !slices.Contains(admins, a.ID) {
			staff = append(staff, a.ID)
		}
	}
	sam, err := demoProviderUser(ctx, st, provider.ID, providerRoles)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(7, 12))
	now := time.Now().UTC()
	customers := map[string]store.Tenant{}
	for ci, c := range demoCustomers {
		t, roles, err := demoTenant(ctx, st, c.name, c.slug, provider.ID)
		if err != nil {
			return err
		}
		customers[c.slug] = t
		people := make([]store.SeedAccount, 0, c.people)
		for i := range c.people {
			a := demoAccount(rng, 1_000_000+ci*10_000+i, now, roles)
			a.Email = a.Login + "@" + c.domain
			people = append(people, a)
		}
		if err := st.Seed(ctx, store.Actor{TenantID: t.ID, IP: "cli"}, people); err != nil {
			return err
		}
		// The provider's administrator administers every customer; a few of
		// the provider's people work in each as members.
		if err := pushDown(ctx, st, t.ID, admins, roles["tenant_admin"]); err != nil {
			return err
		}
		if err := pushDown(ctx, st, t.ID, staff[min(ci*2, len(staff)):min(ci*2+2, len(staff))], roles["member"]); err != nil {
			return err
		}
		for _, r := range c.regions {
			sub, subRoles, err := demoTenant(ctx, st, r[0], r[1], t.ID)
			if err != nil {
				return err
			}
			// The customer's own first people are pushed down to its regions.
			local, err := st.ListUsers(ctx, t.ID, store.UserFilter{Limit: 3})
			if err != nil {
				return err
			}
			var ids []int64
			for _, a := range local.Accounts {
				ids = append(ids, a.ID)
			}
			if err := pushDown(ctx, st, sub.ID, ids, subRoles["user_manager"]); err != nil {
				return err
			}
		}
	}
	for slug, role := range map[string]string{"acme": "user_manager", "globex": "auditor"} {
		t := customers[slug]
		roles, err := roleIDs(ctx, st, t.ID)
		if err != nil {
			return err
		}
		if err := pushDown(ctx, st, t.ID, []int64{sam.ID}, roles[role]); err != nil {
			return err
		}
	}
	fmt.Printf("Seeded the service provider %q with customers Acme Corporation, Globex (Globex EU, Globex US) and Initech; "+
		"%s manages Acme (User Manager) and Globex (Auditor)\n", provider.Name, demoProviderEmail)
	return nil
}

// demoTenant creates a tenant with the built-in roles, returning their ids by key.
func demoTenant(ctx context.Context, st *store.Store, name, slug string, parentID int64) (store.Tenant, map[string]int64, error) {
	t, err := st.CreateTenant(ctx, name, slug, parentID, auth.BuiltinRoles())
	if err != nil {
		return t, nil, err
	}
	roles, err := roleIDs(ctx, st, t.ID)
	return t, roles, err
}

func roleIDs(ctx context.Context, st *store.Store, tenantID int64) (map[string]int64, error) {
	roles, err := st.Roles(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	byKey := map[string]int64{}
	for _, r := range roles {
		byKey[r.BuiltinKey] = r.ID
	}
	return byKey, nil
}

// pushDown makes people of an ancestor members of the tenant with one role;
// the command line acts with no guard, as an operator.
func pushDown(ctx context.Context, st *store.Store, tenantID int64, accountIDs []int64, roleID int64) error {
	for _, id := range accountIDs {
		if _, err := st.SetMemberRoles(ctx, store.Actor{TenantID: tenantID, IP: "cli"}, id, []int64{roleID}); err != nil {
			return err
		}
	}
	return nil
}

// demoProviderUser creates the provider's user who manages customers: a
// Member at home, with a random password until "console admin" sets one.
func demoProviderUser(ctx context.Context, st *store.Store, tenantID int64, roles map[string]int64) (store.Account, error) {
	hash, err := auth.NewHasher(time.Minute).Hash(ctx, auth.RandomPassword())
	if err != nil {
		return store.Account{}, err
	}
	return st.CreateAccount(ctx, store.Actor{TenantID: tenantID, IP: "cli"}, store.NewAccount{
		Profile: store.Profile{FirstName: "Sam", LastName: "Provider", Email: demoProviderEmail,
			Language: "browser", TimeZone: "Europe/Paris", Currency: "EUR", UserType: "standard"},
		Login: "sam.provider", Status: "active", AuthMethod: "password", PasswordHash: hash,
		RoleIDs: []int64{roles["member"]}})
}
