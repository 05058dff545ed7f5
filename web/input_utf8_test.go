package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestConsoleRefusesInvalidUTF8: a console form or query with bytes that are
// not UTF-8 gets 422 and a message naming the field; nothing is stored.
func TestConsoleRefusesInvalidUTF8(t *testing.T) {
	env := newEnv(t)
	admin := env.signedIn("admin@acme.test")
	res := admin.post("/groups", url.Values{"name": {"Sales \xff\xfe"}, "description": {""}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "the field “name” is not valid text") {
		t.Fatalf("form refusal:\n%s", snippet(res.body))
	}
	res = admin.post("/groups", url.Values{"name": {"Sales"}, "description": {"caf\xe9"}}, htmx("main")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "“description” is not valid text") {
		t.Fatalf("htmx refusal:\n%s", snippet(res.body))
	}
	if gs, _ := env.st.Groups(context.Background(), env.tenant.ID, "", "", 0, 10); len(gs) != 0 {
		t.Fatalf("a group was stored: %+v", gs)
	}
	res = admin.get("/users?q=%FF")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "“q” is not valid text") {
		t.Fatalf("query refusal:\n%s", snippet(res.body))
	}
}

// TestAPIRefusesInvalidUTF8: a JSON body or a query value that is not UTF-8
// gets a 422 problem naming it, in the caller's language; nothing is stored.
func TestAPIRefusesInvalidUTF8(t *testing.T) {
	env := newEnv(t)
	key, _ := env.keyFor(env.admin, time.Time{})
	res := env.call(key, http.MethodPost, "/groups", "{\"name\":\"Sales \xff\"}")
	wantAPI(t, res, http.StatusUnprocessableEntity)
	if !fieldErrors(res)["body"] || !strings.Contains(res.raw, "is not valid text") {
		t.Fatalf("body refusal: %s", res.raw)
	}
	res = env.callLang(key, "fr", http.MethodPost, "/groups", "{\"name\":\"Sales \xff\"}")
	wantAPI(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.raw, "n’est pas du texte valide") {
		t.Fatalf("French body refusal: %s", res.raw)
	}
	res = env.call(key, http.MethodGet, "/users?q=%FF", nil)
	wantAPI(t, res, http.StatusUnprocessableEntity)
	if !fieldErrors(res)["q"] {
		t.Fatalf("query refusal: %s", res.raw)
	}
	if gs, _ := env.st.Groups(context.Background(), env.tenant.ID, "", "", 0, 10); len(gs) != 0 {
		t.Fatalf("a group was stored: %+v", gs)
	}
	// Valid UTF-8, accents and all, passes.
	wantAPI(t, env.call(key, http.MethodPost, "/groups", map[string]any{"name": "Ingénierie"}), http.StatusCreated)
}
