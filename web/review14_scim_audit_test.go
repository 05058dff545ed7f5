package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestReview14_SCIMWritesAuditedAsTheToken (GUARD: only the claim event is
// checked elsewhere): every event the provider's requests write (Entra ID's
// create, PATCH, DELETE; Okta's group POST, PUT, DELETE) names its token
// (scim_token_id), no account as actor, and no event anywhere holds the
// token's secret or its hash.
func TestReview14_SCIMWritesAuditedAsTheToken(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	ctx := context.Background()
	evs0, err := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	for _, e := range evs0 {
		last = max(last, e.ID)
	}
	uid := env.createUser("zoe")
	env.do("PATCH", "/Users/"+uid, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"name.givenName","value":"Z"}]}`).want(t, http.StatusOK)
	gid := env.do("POST", "/Groups", `{"displayName":"Sales","members":[{"value":"`+uid+`"}]}`).want(t, http.StatusCreated).str("id")
	env.do("PUT", "/Groups/"+gid, `{"displayName":"Sales EU","members":[]}`).want(t, http.StatusOK)
	env.do("DELETE", "/Groups/"+gid, "").want(t, http.StatusNoContent)
	env.do("DELETE", "/Users/"+uid, "").want(t, http.StatusNoContent)

	evs, err := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{AfterID: last, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[store.Action]bool{}
	_, secret, _ := strings.Cut(env.token[len("cst_"):], "_")
	for _, e := range evs {
		if e.ID <= last {
			continue
		}
		actions[e.Action] = true
		if tok, _ := e.Details["scim_token_id"].(float64); int64(tok) != env.tok.ID || e.ActorID != 0 {
			t.Errorf("%s: actor %d, scim_token_id %v, want none and %d", e.Action, e.ActorID, e.Details["scim_token_id"], env.tok.ID)
		}
	}
	for _, a := range []store.Action{store.ActionUserDeactivate, store.ActionGroupCreate, store.ActionGroupDelete, store.ActionGroupMembersRemove} {
		if !actions[a] {
			t.Errorf("no %s event from the provider (got %v)", a, actions)
		}
	}
	for _, e := range append(evs0, evs...) {
		b, _ := json.Marshal(e)
		if strings.Contains(string(b), secret) || strings.Contains(string(b), env.token) {
			t.Fatalf("event %s holds the token's secret: %s", e.Action, b)
		}
	}
}
