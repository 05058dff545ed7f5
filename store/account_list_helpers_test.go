package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// seedPaging seeds n accounts with many equal names, activity and creation
// times, so paging has to break ties by id; every tenth has no role and is
// hidden by the default filter. It returns how many the default filter shows.
func seedPaging(t *testing.T, st *store.Store, tenantID, roleID int64, n int) int {
	t.Helper()
	firsts := []string{"Élodie", "Anne", "zoë", "Émile", "Bob"}
	lasts := []string{"Dupont", "O'Brien", "Ménard", "dupont"}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var seeds []store.SeedAccount
	shown := 0
	for i := range n {
		first, last := firsts[i%len(firsts)], lasts[(i/3)%len(lasts)]
		s := store.SeedAccount{
			NewAccount: store.NewAccount{
				Profile: store.Profile{FirstName: first, LastName: last, Email: fmt.Sprintf("u%03d.%s@example.test", (i*37)%n, store.Fold(last)),
					Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
				Login: fmt.Sprintf("user%03d", i), Status: "active", AuthMethod: "password",
			},
			CreatedAt: base.Add(time.Duration(i%11) * time.Hour),
		}
		if i%4 != 0 { // a quarter never signed in
			s.LastActiveAt = base.Add(time.Duration(100+i%13) * time.Hour)
		}
		if i%10 == 0 {
			s.UserType = "read_only"
		} else {
			s.RoleIDs = []int64{roleID}
			shown++
		}
		seeds = append(seeds, s)
	}
	if err := st.Seed(context.Background(), actor(tenantID), seeds); err != nil {
		t.Fatal(err)
	}
	return shown
}
