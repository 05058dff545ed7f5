package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// TestDensityCountsPeopleNotRows: whether a search word is "dense" (walk the
// accounts in order rather than sort its matches) is judged by the people it
// matches, not by their search rows: each Dupont below has three rows under
// "dupont" (the name, the login, the email), and eight of them are not ten.
// Counting rows sent a 2,000-person search at 100,000 people down the walk,
// through every name before D (issue 18: 230 ms a page instead of 6).
func TestDensityCountsPeopleNotRows(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "dense.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.denseLimit = 10
	tn, err := st.CreateTenant(ctx, "Dense", "dense", 0, []RoleSpec{{Key: "member", Name: "Member", Permissions: []string{"projects.view"}}})
	if err != nil {
		t.Fatal(err)
	}
	add := func(from, to int) {
		var seeds []SeedAccount
		for i := from; i < to; i++ {
			login := fmt.Sprintf("dupont%d", i)
			seeds = append(seeds, SeedAccount{NewAccount: NewAccount{Profile: Profile{FirstName: "Marie", LastName: "Dupont",
				Email: login + "@example.com", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
				Login: login, Status: "active", AuthMethod: "password"}})
		}
		if err := st.Seed(ctx, Actor{TenantID: tn.ID}, seeds); err != nil {
			t.Fatal(err)
		}
	}
	add(0, 8)
	if dense, err := st.denseTerm(ctx, tn.ID, "dupont"); err != nil || dense {
		t.Fatalf("8 people (24 search rows) against a limit of 10: dense %v, %v; want not dense", dense, err)
	}
	add(8, 12)
	if dense, err := st.denseTerm(ctx, tn.ID, "dupont"); err != nil || !dense {
		t.Fatalf("12 people against a limit of 10: dense %v, %v; want dense", dense, err)
	}
}
