package web

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// Entra ID adds people to a group one PATCH each, and with several console
// processes behind a load balancer those PATCHes are served at once. The
// PATCH handler reads the group's members outside the transaction, applies
// the operation, and saves exactly the result: two PATCHes that read the
// same members each save their own addition and drop the other's. Every
// addition must stay.
func TestReview15_SCIMConcurrentPatchAddsKeepEveryMember(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	const n = 8
	var ids []string
	for i := range n {
		ids = append(ids, env.createUser("p"+strconv.Itoa(i)))
	}
	gid := env.do("POST", "/Groups", `{"displayName":"Engineering","members":[],
		"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}`).want(t, http.StatusCreated).str("id")
	statuses := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = env.do("PATCH", "/Groups/"+gid, `{`+patchOp+`,"Operations":[{"op":"Add","path":"members","value":[{"value":"`+id+`"}]}]}`).status
		}()
	}
	close(start)
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusNoContent {
			t.Fatalf("PATCH %d: status %d", i, s)
		}
	}
	g := env.do("GET", "/Groups/"+gid, "").want(t, http.StatusOK)
	var got []string
	for _, m := range g.resourcesOr("members") {
		got = append(got, m.(map[string]any)["value"].(string))
	}
	slices.Sort(got)
	slices.Sort(ids)
	if !slices.Equal(got, ids) {
		t.Fatalf("after %d PATCHes each adding one person, the group holds %d: %v, want %v", n, len(got), got, ids)
	}
}
