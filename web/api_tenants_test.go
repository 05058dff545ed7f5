package web

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestAPITenants(t *testing.T) {
	t.Parallel()
	env := newTenantsEnv(t)
	day := time.Now().Add(24 * time.Hour)
	admin, _ := env.keyFor(env.admin, day)
	boss, _ := env.keyFor(env.alphaAdmin, day)
	member, _ := env.keyFor(env.betaUser, day)
	path := func(id int64, tail string) string { return "/tenants/" + strconv.FormatInt(id, 10) + tail }

	// The tree, nested.
	r := env.call(admin, http.MethodGet, "/tenants", nil)
	wantAPI(t, r, http.StatusOK)
	root, _ := r.body["tenant"].(map[string]any)
	kids, _ := root["children"].([]any)
	if root["slug"] != "acme" || root["kind"] != "provider" || len(kids) != 2 {
		t.Fatalf("tree = %s", r.raw)
	}
	first, _ := kids[0].(map[string]any)
	sub, _ := first["children"].([]any)
	if first["slug"] != "alpha" || first["kind"] != "customer" || len(sub) != 1 {
		t.Fatalf("alpha = %v", first)
	}
	// Alpha's key sees alpha's subtree only; beta and acme are not found.
	r = env.call(boss, http.MethodGet, "/tenants", nil)
	if root, _ := r.body["tenant"].(map[string]any); root["slug"] != "alpha" {
		t.Fatalf("alpha's tree = %s", r.raw)
	}
	for _, id := range []int64{env.beta.ID, env.tenant.ID} {
		wantAPI(t, env.call(boss, http.MethodGet, path(id, ""), nil), http.StatusNotFound)
		wantAPI(t, env.call(boss, http.MethodPatch, path(id, ""), map[string]any{"name": "Mine"}), http.StatusNotFound)
		wantAPI(t, env.call(boss, http.MethodPost, path(id, "/deactivate"), nil), http.StatusNotFound)
	}
	wantAPI(t, env.call(boss, http.MethodPost, path(env.alpha.ID, "/deactivate"), nil), http.StatusConflict)
	wantAPI(t, env.call(admin, http.MethodPost, path(env.tenant.ID, "/deactivate"), nil), http.StatusConflict)
	wantAPI(t, env.call(boss, http.MethodPost, "/tenants", map[string]any{"name": "X", "slug": "x", "parent_id": env.beta.ID}),
		http.StatusNotFound)
	// No tenants.manage: forbidden.
	wantAPI(t, env.call(member, http.MethodGet, "/tenants", nil), http.StatusForbidden)

	// Create: refusals name their field.
	r = env.call(admin, http.MethodPost, "/tenants", map[string]any{"name": "Gamma", "slug": "beta"})
	wantAPI(t, r, http.StatusConflict)
	if !fieldErrors(r)["slug"] {
		t.Errorf("slug conflict = %s", r.raw)
	}
	r = env.call(admin, http.MethodPost, "/tenants", map[string]any{"name": "Gamma", "slug": "gamma",
		"admin_email": "user@beta.test", "admin_first_name": "U", "admin_last_name": "B"})
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if !fieldErrors(r)["admin_email"] {
		t.Errorf("email taken = %s", r.raw)
	}
	r = env.call(admin, http.MethodPost, "/tenants", map[string]any{"name": "", "slug": "-", "time_zone": "Nowhere"})
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if f := fieldErrors(r); !f["name"] || !f["slug"] || !f["time_zone"] {
		t.Errorf("fields = %v", f)
	}
	r = env.call(boss, http.MethodPost, "/tenants", map[string]any{"name": "Alpha Two", "slug": "alpha-two",
		"currency": "EUR", "admin_account_id": env.alphaAdmin.ID})
	wantAPI(t, r, http.StatusCreated)
	if num(r.body["parent_id"]) != env.alpha.ID || r.body["currency"] != "EUR" || r.body["kind"] != "subtenant" {
		t.Fatalf("created = %s", r.raw)
	}
	created := num(r.body["id"])

	// Update and move. Alpha's administrator, pushed down as its first
	// administrator, is a member: the tenant cannot move out from under
	// Alpha (people are shared downwards only), but may move within it.
	r = env.call(admin, http.MethodPatch, path(created, ""), map[string]any{"name": "Renamed", "parent_id": env.beta.ID})
	wantAPI(t, r, http.StatusConflict)
	if !fieldErrors(r)["parent_id"] {
		t.Errorf("move under beta = %s", r.raw)
	}
	r = env.call(admin, http.MethodPatch, path(created, ""), map[string]any{"name": "Renamed", "parent_id": env.team.ID})
	wantAPI(t, r, http.StatusOK)
	if r.body["name"] != "Renamed" || num(r.body["parent_id"]) != env.team.ID {
		t.Fatalf("updated = %s", r.raw)
	}
	r = env.call(admin, http.MethodPatch, path(env.alpha.ID, ""), map[string]any{"parent_id": env.team.ID})
	wantAPI(t, r, http.StatusUnprocessableEntity)
	wantAPI(t, env.call(admin, http.MethodPatch, path(created, ""), map[string]any{"slug": "new"}), http.StatusUnprocessableEntity)

	// Deactivate: the member's key stops; reactivate: it works again.
	wantAPI(t, env.call(member, http.MethodGet, "/projects", nil), http.StatusOK)
	r = env.call(admin, http.MethodPost, path(env.beta.ID, "/deactivate"), nil)
	wantAPI(t, r, http.StatusOK)
	if r.body["status"] != "deactivated" || r.body["blocked"] != true {
		t.Fatalf("deactivated = %s", r.raw)
	}
	wantAPI(t, env.call(member, http.MethodGet, "/projects", nil), http.StatusUnauthorized)
	wantAPI(t, env.call(admin, http.MethodPost, path(env.beta.ID, "/activate"), nil), http.StatusOK)
	wantAPI(t, env.call(member, http.MethodGet, "/projects", nil), http.StatusOK)
}

func TestAPISettings(t *testing.T) {
	t.Parallel()
	env := newTenantsEnv(t)
	day := time.Now().Add(24 * time.Hour)
	admin, _ := env.keyFor(env.admin, day)
	member, _ := env.keyFor(env.betaUser, day)
	r := env.call(admin, http.MethodGet, "/settings", nil)
	wantAPI(t, r, http.StatusOK)
	if r.body["time_zone"] != "UTC" || r.body["currency"] != "USD" {
		t.Fatalf("settings = %s", r.raw)
	}
	r = env.call(admin, http.MethodPatch, "/settings", map[string]any{"time_zone": "Europe/Paris", "currency": "eur", "invite_days": 3})
	wantAPI(t, r, http.StatusOK)
	if r.body["time_zone"] != "Europe/Paris" || r.body["currency"] != "EUR" || num(r.body["invite_days"]) != 3 {
		t.Fatalf("saved = %s", r.raw)
	}
	r = env.call(admin, http.MethodPatch, "/settings", map[string]any{"time_zone": "Mars/Base", "invite_days": 99})
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if f := fieldErrors(r); !f["time_zone"] || !f["invite_days"] {
		t.Errorf("fields = %v", f)
	}
	wantAPI(t, env.call(admin, http.MethodPatch, "/settings", map[string]any{"currency": ""}), http.StatusUnprocessableEntity)
	wantAPI(t, env.call(member, http.MethodGet, "/settings", nil), http.StatusForbidden)
}
