package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// apiFixtures are ids of this tenant's things, one per path parameter.
type apiFixtures map[string]string

func (e *testEnv) apiFixtures() apiFixtures {
	e.t.Helper()
	ctx := context.Background()
	by := actorFor(e)
	person := e.user("fixture@acme.test", "standard", "pending", "member")
	g, err := e.st.CreateGroup(ctx, by, "Fixture group", "")
	if err != nil {
		e.t.Fatal(err)
	}
	role, err := e.st.CreateRole(ctx, by, store.RoleSpec{Name: "Fixture role", Permissions: []string{"projects.view"}})
	if err != nil {
		e.t.Fatal(err)
	}
	p, err := e.st.CreateProject(ctx, by, "Fixture project", "")
	if err != nil {
		e.t.Fatal(err)
	}
	_, k := e.keyFor(person, time.Time{})
	job, err := e.st.CreateJob(ctx, by, store.NewJob{Principal: "{}", Action: "activate", Params: "{}",
		Items: []store.JobItem{{AccountID: person.ID, Label: person.Login}}})
	if err != nil {
		e.t.Fatal(err)
	}
	s := func(id int64) string { return strconv.FormatInt(id, 10) }
	return apiFixtures{"users": s(person.ID), "accounts": s(person.ID), "groups": s(g.ID), "roles": s(role),
		"projects": s(p.ID), "account_id": s(person.ID), "role_id": s(role), "group_id": s(g.ID), "key_id": s(k.ID),
		"tenants": s(e.tenant.ID), "jobs": s(job.ID)}
}

// path fills an API route's parameters: :id by the resource it follows.
func (f apiFixtures) path(route string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		if p == ":id" {
			parts[i] = f[parts[i-1]]
		} else if strings.HasPrefix(p, ":") {
			parts[i] = f[p[1:]]
		}
	}
	return strings.Join(parts, "/")
}

// apiBodies are valid bodies, so a refusal is about access, not input.
var apiBodies = map[string]string{
	"POST /users":                         `{"login":"newbie","first_name":"New","last_name":"Bie","email":"newbie@acme.test","password":"a long enough passphrase"}`,
	"PATCH /users/:id":                    `{"first_name":"Renamed"}`,
	"PUT /users/:id/roles":                `{"role_ids":[]}`,
	"POST /service-accounts":              `{"name":"Walker"}`,
	"POST /accounts/:id/keys":             `{"name":"Walk","expires":"30d"}`,
	"POST /groups":                        `{"name":"Walkers"}`,
	"PATCH /groups/:id":                   `{"description":"x"}`,
	"POST /roles":                         `{"name":"Walk role","permissions":["users.view"]}`,
	"PATCH /roles/:id":                    `{"description":"x"}`,
	"POST /projects":                      `{"name":"Walk project"}`,
	"PATCH /projects/:id":                 `{"description":"x"}`,
	"PUT /projects/:id/users/:account_id": `{"access":"read","team":true}`,
	"PUT /projects/:id/teams/:group_id":   `{"access":"read"}`,
	"POST /tenants":                       `{"name":"Walk","slug":"walk"}`,
	"PATCH /tenants/:id":                  `{"name":"Acme"}`,
	"PATCH /settings":                     `{"invite_days":7}`,
	"POST /jobs":                          `{"action":"activate","ids":[1]}`,
}

// TestAPIRoutesPermissions walks every API route: a key whose account holds
// every permission but the route's gets 403; another tenant's Admin key gets
// 404 for this tenant's ids; no key gets 401.
func TestAPIRoutesPermissions(t *testing.T) {
	t.Parallel()
	// Every route is called without a key from one address: far past the
	// failed-authentication limit, which TestAPIFailedAuthLimit covers.
	env := newEnvWith(t, t, false, func(c *Config) { c.API.FailuresPerMinute = 1 << 20 })
	fx := env.apiFixtures()
	other, otherRoles := env.newTenant("Other", "other")
	outsider := env.userIn(other.ID, otherRoles, "admin@other.test", "admin", "active")
	outsiderKey, _ := env.keyFor(outsider, time.Time{})
	keys := map[auth.Permission]string{}
	for _, r := range env.h.API().Routes() {
		if r.Perm == auth.Public || r.Perm == auth.SignedIn {
			continue
		}
		if _, ok := keys[r.Perm]; !ok {
			role := env.roleWithAllBut(env.tenant.ID, r.Perm)
			name := strings.ReplaceAll(string(r.Perm), ".", "-")
			a := env.userIn(env.tenant.ID, env.roles, name+"@acme.test", "standard", "active")
			if err := env.st.SetRoles(context.Background(), actorFor(env), a.ID, []int64{role}); err != nil {
				t.Fatal(err)
			}
			keys[r.Perm], _ = env.keyFor(a, time.Time{})
		}
		path := fx.path(r.Path)
		body := apiBodies[r.Method+" "+r.Path]
		var payload any
		if body != "" {
			payload = body
		}
		t.Run(r.Method+" "+r.Path, func(t *testing.T) {
			wantAPI(t, env.call("", r.Method, path, payload), http.StatusUnauthorized)
			wantAPI(t, env.call(keys[r.Perm], r.Method, path, payload), http.StatusForbidden)
			if strings.Contains(r.Path, ":") {
				wantAPI(t, env.call(outsiderKey, r.Method, path, payload), http.StatusNotFound)
			}
		})
	}
}
