package web

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// findByUserName is the provider's lookup of a person before writing.
func (e *scimEnv) findByUserName(login string) string {
	e.t.Helper()
	r := e.do("GET", "/Users?filter="+q(`userName eq "`+login+`"`), "").want(e.t, http.StatusOK)
	if r.total() != 1 {
		e.t.Fatalf("lookup of %s: %s", login, r.raw)
	}
	return r.str("Resources.0.id")
}

// events are the audit events of action on account id.
func (e *scimEnv) events(action store.Action, id int64) []store.Event {
	e.t.Helper()
	evs, err := e.st.AuditEvents(context.Background(), e.tenant.ID, store.AuditFilter{Action: string(action), TargetType: "account", TargetID: id, Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	return evs
}

// TestSCIMClaimAndLock: a person made in the console is claimed by the
// provider's first write after finding them by userName (Okta's and Entra
// ID's matching); from then on the API refuses to edit them with 409.
func TestSCIMClaimAndLock(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	carol := env.user("carol@acme.test", "standard", "active")
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	path := "/users/" + id(carol)

	wantAPI(t, env.call(key, "PATCH", path, map[string]any{"first_name": "Before"}), http.StatusOK)
	sid := env.findByUserName("CAROL")
	if sid != id(carol) {
		t.Fatalf("found %s, want %s", sid, id(carol))
	}
	r := env.do("PATCH", "/Users/"+sid, `{`+patchOp+`,"Operations":[{"op":"add","path":"externalId","value":"00u-carol"},
		{"op":"replace","path":"name.givenName","value":"Caroline"}]}`).want(t, http.StatusOK)
	if r.str("externalId") != "00u-carol" || r.str("name.givenName") != "Caroline" || r.str("name.familyName") != "Tester" {
		t.Fatalf("claim: %s", r.raw)
	}
	claims := env.events(store.ActionUserSCIMClaim, carol.ID)
	if len(claims) != 1 || claims[0].Details["scim_token_id"] == nil {
		t.Fatalf("claim audited %d times, details %v", len(claims), claims)
	}
	res := env.call(key, "PATCH", path, map[string]any{"first_name": "After"})
	wantAPI(t, res, http.StatusConflict)
	if r := env.do("GET", "/Users/"+sid, "").want(t, http.StatusOK); r.str("name.givenName") != "Caroline" {
		t.Fatalf("the API edited a managed person: %s", r.raw)
	}
}

// TestSCIMLastManager: the provider never deactivates or deletes the last
// person able to manage users: 409 with a clear detail, nothing changed.
func TestSCIMLastManager(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	aid := env.findByUserName("admin")
	r := env.do("PATCH", "/Users/"+aid, `{`+patchOp+`,"Operations":[{"op":"replace","path":"active","value":"False"}]}`).
		want(t, http.StatusConflict)
	if d := r.str("detail"); len(d) < 20 {
		t.Fatalf("unclear detail: %q", d)
	}
	env.do("DELETE", "/Users/"+aid, "").want(t, http.StatusConflict)
	env.setMode(store.Provisioning{Mode: store.ProvisioningExternal, DeleteRemoves: true})
	env.do("DELETE", "/Users/"+aid, "").want(t, http.StatusConflict)
	if r := env.do("GET", "/Users/"+aid, "").want(t, http.StatusOK); r.at("active") != true {
		t.Fatalf("the last manager changed: %s", r.raw)
	}
	// With removal allowed, DELETE of someone else removes them for good.
	uid := env.createUser("gone")
	env.do("DELETE", "/Users/"+uid, "").want(t, http.StatusNoContent)
	env.do("GET", "/Users/"+uid, "").want(t, http.StatusNotFound)
}

// TestSCIMRacesConsole: the provider's PATCH and an API edit of one
// console-made person race. Each is one transaction: the end state is the
// provider's write (it claims the person), the API's edit either landed
// before it (audited) or was refused as managed, never half of either.
func TestSCIMRacesConsole(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	for i := range 12 {
		login := "race" + strconv.Itoa(i)
		p := env.user(login+"@acme.test", "standard", "active")
		sid := env.findByUserName(login)
		var wg sync.WaitGroup
		var scim scimRes
		var api apiRes
		wg.Add(2)
		go func() {
			defer wg.Done()
			scim = env.do("PATCH", "/Users/"+sid, `{`+patchOp+`,"Operations":[{"op":"replace","value":{"name.givenName":"Scim","name.familyName":"Side"}}]}`)
		}()
		go func() {
			defer wg.Done()
			api = env.call(key, "PATCH", "/users/"+id(p), map[string]any{"first_name": "Api", "last_name": "Side2"})
		}()
		wg.Wait()
		scim.want(t, http.StatusOK)
		if api.status != http.StatusOK && api.status != http.StatusConflict {
			t.Fatalf("round %d: API answered %d: %s", i, api.status, api.raw)
		}
		a, err := env.st.Account(context.Background(), env.tenant.ID, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.FirstName != "Scim" || a.LastName != "Side" || !a.SCIMManaged {
			t.Fatalf("round %d: end state %q %q managed=%v is not the provider's write (API %d)", i, a.FirstName, a.LastName, a.SCIMManaged, api.status)
		}
		apiEdits := 0
		for _, e := range env.events(store.ActionUserUpdate, p.ID) {
			if e.Details["api_key_id"] != nil {
				apiEdits++
			}
		}
		if want := map[int]int{http.StatusOK: 1, http.StatusConflict: 0}[api.status]; apiEdits != want {
			t.Fatalf("round %d: API answered %d but %d API edits audited", i, api.status, apiEdits)
		}
		if n := len(env.events(store.ActionUserSCIMClaim, p.ID)); n != 1 {
			t.Fatalf("round %d: %d claims audited", i, n)
		}
	}
}
