package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/console-dev/console/store"
)

// BenchmarkUsersPage serves the users page through the real router, session
// and all, over 10,000 accounts.
func BenchmarkUsersPage(b *testing.B) {
	t := &testing.T{}
	env := newEnvB(b, t, false)
	var seeds []store.SeedAccount
	for i := range 10_000 {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: fmt.Sprintf("Élodie%d", i%97), LastName: fmt.Sprintf("O'Brien%d", i%1013), Email: fmt.Sprintf("u%d@acme.test", i),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"}, Login: fmt.Sprintf("u%d", i),
			Status: "active", AuthMethod: "password", RoleIDs: []int64{env.roles["member"], env.roles["auditor"]}}})
	}
	if err := env.st.Seed(context.Background(), store.Actor{TenantID: env.tenant.ID}, seeds); err != nil {
		b.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	b.ResetTimer()
	for b.Loop() {
		res, err := c.http.Get(env.srv.URL + "/users")
		if err != nil {
			b.Fatal(err)
		}
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
}
