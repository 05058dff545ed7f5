package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

var (
	firstNames = []string{"Élodie", "François", "Zoë", "Noémie", "Jérôme", "Anaïs", "Loïc", "Hélène", "Céline", "Benoît",
		"Amélie", "Gaëlle", "Mathis", "Léa", "Hugo", "Chloé", "Inès", "Théo", "Maëlys", "Raphaël", "Sophie", "Thomas",
		"Emma", "Lucas", "Olivia", "Liam", "Ava", "Noah", "Mia", "Ethan", "Aïcha", "Mamadou", "Fatou", "Yasmine",
		"Karim", "Björn", "Søren", "José", "María", "Łukasz", "Siobhán", "Seán", "Aoife", "Jean-Baptiste", "Marie-Claire",
		"Renée", "Joël", "Stéphane", "Grégoire", "Clémence"}
	lastNames = []string{"Dupont", "Durand", "Lefèvre", "Müller", "O'Brien", "D'Angelo", "N'Diaye", "Le Gall", "Ménard",
		"García", "Nguyễn", "Schäfer", "Fontaine", "Rousseau", "Bélanger", "Gagné", "Côté", "Lévesque", "Girard",
		"Morel", "Martin", "Bernard", "Petit", "Robert", "Richard", "Smith", "Johnson", "Williams", "Brown", "Jones",
		"O'Connor", "McAllister", "D'Souza", "de la Fontaine", "van der Berg", "Østergaard", "Ødegård", "Kowalski",
		"Traoré", "Diallo", "Benali", "Haddad", "Cohen", "Lemaître", "Châtelain", "Brûlé", "Boivin", "Dubois",
		"Saint-Exupéry", "L'Écuyer"}
	domains = []string{"example.com", "example.org", "exemple.fr", "example.net"}
	zones   = []string{"Europe/Paris", "Europe/Paris", "UTC", "America/Montreal", "Europe/London", "America/New_York", "Africa/Dakar"}
)

// seed adds n realistic demo users to the demo tenant (created if missing).
func seed(ctx context.Context, args []string) error {
	fs := newFlags("seed")
	dbPath := fs.String("db", env("CONSOLE_DB", "console.db"), "SQLite database file, or postgres:// URL (CONSOLE_DB)")
	n := fs.Int("users", 1000, "number of users to add")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 0 || *n > 5_000_000 {
		return errors.New("seed: --users must be between 0 and 5,000,000")
	}
	start := time.Now()
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	t, err := st.TenantBySlug(ctx, "demo")
	if errors.Is(err, store.ErrNotFound) {
		email := env("CONSOLE_ADMIN_EMAIL", "admin@demo.example.com")
		if t, err = createTenantWithAdmin(ctx, st, "Demo", email, auth.RandomPassword()); err == nil {
			fmt.Printf("Created tenant \"Demo\" with administrator %s (\"console admin\" gives it a password)\n", email)
		}
	}
	if err != nil {
		return err
	}
	roles, err := st.Roles(ctx, t.ID)
	if err != nil {
		return err
	}
	byKey := map[string]int64{}
	for _, r := range roles {
		byKey[r.BuiltinKey] = r.ID
	}
	offset, err := st.AccountTotal(ctx, t.ID)
	if err != nil {
		return err
	}
	groups, err := demoGroups(ctx, st, t.ID, byKey)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(offset), 42))
	accounts := make([]store.SeedAccount, 0, *n)
	now := time.Now().UTC()
	for i := range *n {
		a := demoAccount(rng, offset+i, now, byKey)
		for _, g := range groups {
			if rng.IntN(1000) < g.perMille {
				a.GroupIDs = append(a.GroupIDs, g.id)
			}
		}
		accounts = append(accounts, a)
	}
	if err := st.Seed(ctx, store.Actor{TenantID: t.ID, IP: "cli"}, accounts); err != nil {
		return err
	}
	if err := demoProjects(ctx, st, t.ID, groups); err != nil {
		return err
	}
	if err := seedTree(ctx, st, t, byKey); err != nil {
		return err
	}
	fmt.Printf("Seeded %d users into tenant %q in %s\n", *n, t.Name, time.Since(start).Round(time.Millisecond))
	return nil
}

func demoAccount(rng *rand.Rand, i int, now time.Time, roles map[string]int64) store.SeedAccount {
	first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
	login := fmt.Sprintf("%s.%s%d", strings.ReplaceAll(store.Fold(first), " ", ""), strings.NewReplacer(" ", "", "'", "").Replace(store.Fold(last)), i)
	a := store.SeedAccount{NewAccount: store.NewAccount{
		Profile: store.Profile{FirstName: first, LastName: last, Email: login + "@" + domains[rng.IntN(len(domains))],
			Language: []string{"browser", "en", "fr"}[rng.IntN(3)], TimeZone: zones[rng.IntN(len(zones))], Currency: "USD", UserType: "standard"},
		Login: login, Status: "active", AuthMethod: "password"}}
	if rng.IntN(5) == 0 {
		a.Currency = "EUR"
	}
	switch p := rng.IntN(100); {
	case p < 1:
		a.UserType = "admin"
	case p < 9:
		a.UserType = "read_only"
	}
	switch p := rng.IntN(100); {
	case p < 6:
		a.Status = "deactivated"
	case p < 8:
		a.Status = "pending"
	}
	switch p := rng.IntN(100); {
	case p < 10:
		a.RoleIDs = []int64{roles["user_manager"]}
	case p < 18:
		a.RoleIDs = []int64{roles["project_manager"], roles["member"]}
	case p < 23:
		a.RoleIDs = []int64{roles["auditor"]}
	case p < 93:
		a.RoleIDs = []int64{roles["member"]}
	} // the rest hold no role: "public" users
	if a.UserType == "read_only" && rng.IntN(2) == 0 {
		a.RoleIDs = []int64{roles["auditor"]}
	}
	a.CreatedAt = now.Add(-time.Duration(rng.IntN(3*365*24)) * time.Hour)
	if a.Status != "pending" && rng.IntN(100) >= 15 {
		a.LastActiveAt = now.Add(-time.Duration(rng.IntN(180*24*60)) * time.Minute)
		if a.LastActiveAt.Before(a.CreatedAt) {
			a.LastActiveAt = a.CreatedAt.Add(time.Hour)
		}
	}
	return a
}

// demoGroup is a seeded group and the share of users (per mille) who join it.
type demoGroup struct {
	id       int64
	perMille int
}

// demoGroups creates the demo tenant's groups once, with their roles.
func demoGroups(ctx context.Context, st *store.Store, tenantID int64, roles map[string]int64) ([]demoGroup, error) {
	specs := []struct {
		name, role string
		perMille   int
	}{
		{"Support", "member", 250},
		{"Sales EMEA", "member", 100},
		{"Ingénierie", "project_manager", 80},
		{"Auditeurs externes", "auditor", 30},
		{"Ressources humaines", "user_manager", 10},
		{"Nouveaux arrivants", "", 20},
	}
	existing, err := st.Groups(ctx, tenantID, "", "", 0, 500)
	if err != nil {
		return nil, err
	}
	byName := map[string]int64{}
	for _, g := range existing {
		byName[g.Name] = g.ID
	}
	by := store.Actor{TenantID: tenantID, IP: "cli"}
	var out []demoGroup
	for _, s := range specs {
		id, ok := byName[s.name]
		if !ok {
			g, err := st.CreateGroup(ctx, by, s.name, "")
			if err != nil {
				return nil, err
			}
			id = g.ID
			if s.role != "" {
				if err := st.SetGroupRoles(ctx, by, id, []int64{roles[s.role]}); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, demoGroup{id: id, perMille: s.perMille})
	}
	return out, nil
}

// demoProjects creates three projects once: two staffed by group-teams and
// people added one by one, and one with a misconfiguration to find.
func demoProjects(ctx context.Context, st *store.Store, tenantID int64, groups []demoGroup) error {
	existing, err := st.Projects(ctx, tenantID, store.ProjectFilter{IncludeArchived: true, Limit: 1})
	if err != nil || len(existing) > 0 || len(groups) < 4 {
		return err
	}
	page, err := st.ListUsers(ctx, tenantID, store.UserFilter{Limit: 40})
	if err != nil || len(page.Accounts) < 40 {
		return err
	}
	var people []int64
	for _, a := range page.Accounts {
		people = append(people, a.ID)
	}
	by := store.Actor{TenantID: tenantID, IP: "cli"}
	plan := []struct {
		name, description string
		teams             []int64
		access            []string
		alone             []int64
		team              bool
	}{
		{"Apollo", "Plateforme de réservation", []int64{groups[2].id, groups[0].id}, []string{"write", "read"}, people[:5], true},
		{"Hermès", "Site marchand Europe", []int64{groups[1].id}, []string{"write"}, people[5:15], true},
		{"Intranet", "Portail interne : un membre de Support y est aussi seul, sans case Équipe", []int64{groups[0].id}, []string{"read"}, people[15:20], false},
	}
	for _, p := range plan {
		pr, err := st.CreateProject(ctx, by, p.name, p.description)
		if err != nil {
			return err
		}
		for i, g := range p.teams {
			if err := st.AddProjectTeams(ctx, by, pr.ID, []int64{g}, p.access[i]); err != nil {
				return err
			}
		}
		if err := st.AddProjectUsers(ctx, by, pr.ID, p.alone, "write", p.team); err != nil {
			return err
		}
	}
	return nil
}
