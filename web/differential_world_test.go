package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// dfSubject is one target account of one operation and one door, with what
// the operation prepared for it (a group, a key).
type dfSubject struct {
	target dfPerson
	acct   store.Account
	group  store.Group
	keyID  int64
}

// dfWorld is one env per actor: the actor signed in to the console and
// holding an API key, and for every operation every target twice (one per
// door), so that no row sees another row's change. Rows of one world run one
// at a time (mu): they share the console client.
type dfWorld struct {
	t       *testing.T
	env     *testEnv
	ctx     context.Context
	roles   map[string]int64
	console *client
	key     string
	subject map[string]*dfSubject // "<op>/<door>/<target>"
	mu      sync.Mutex
}

func dfNewWorld(t *testing.T, ops []dfOp, actor dfPerson) *dfWorld {
	env := newEnv(t)
	ctx := context.Background()
	w := &dfWorld{t: t, env: env, ctx: ctx, roles: map[string]int64{}, subject: map[string]*dfSubject{}}
	for k, v := range env.roles {
		w.roles[k] = v
	}
	for _, k := range []string{"groups_only", "keys_only"} {
		id, err := env.st.CreateRole(ctx, store.Actor{TenantID: env.tenant.ID}, store.RoleSpec{Name: "Only " + k, Permissions: dfCustomRoles[k]})
		if err != nil {
			t.Fatal(err)
		}
		w.roles[k] = id
	}
	var a store.Account
	switch {
	case actor.other:
		other, otherRoles := env.newTenant("Other", "other")
		a = env.userIn(other.ID, otherRoles, "boss@other.test", "admin", "active")
	case actor.name == "admin":
		a = env.admin
	default:
		a = w.person("actor-"+actor.name, actor, "active")
	}
	w.console = env.signedIn(a.Email)
	w.key, _ = env.keyFor(a, time.Time{})
	for i, op := range ops {
		status := op.status
		if status == "" {
			status = "active"
		}
		for _, door := range []string{"console", "api"} {
			for _, tg := range op.targetList() {
				s := &dfSubject{target: tg, acct: w.person(fmt.Sprintf("o%d-%s-%s", i, door[:1], tg.name), tg, status)}
				if op.setup != nil {
					op.setup(w, s)
				}
				w.subject[op.name+"/"+door+"/"+tg.name] = s
			}
		}
	}
	return w
}

// person creates an account in the tenant with the roles of p.
func (w *dfWorld) person(login string, p dfPerson, status string) store.Account {
	w.t.Helper()
	if p.service {
		sa, err := w.env.st.CreateServiceAccount(w.ctx, w.by(), store.NewServiceAccount{Name: login, RoleIDs: w.roleIDs(p.roles...)})
		if err != nil {
			w.t.Fatal(err)
		}
		if status != "active" {
			if _, err := w.env.st.SetStatus(w.ctx, w.by(), sa.ID, status); err != nil {
				w.t.Fatal(err)
			}
		}
		return sa.Account
	}
	n := store.NewAccount{Profile: store.Profile{FirstName: "F" + login, LastName: "Tester", Email: login + "@acme.test",
		Language: "en", TimeZone: "UTC", Currency: "USD", UserType: p.userType},
		Login: login, Status: status, AuthMethod: "password", PasswordHash: w.env.passwordHash()}
	for _, r := range p.roles {
		n.RoleIDs = append(n.RoleIDs, w.roles[r])
	}
	a, err := w.env.st.CreateAccount(w.ctx, store.Actor{TenantID: w.env.tenant.ID}, n)
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

// by is the store actor the fixtures use (the tenant's own admin).
func (w *dfWorld) by() store.Actor { return actorFor(w.env) }

// group makes a group for the subject, with it as a member or not, with roles.
func (w *dfWorld) group(s *dfSubject, member bool, roles ...string) {
	w.t.Helper()
	g, err := w.env.st.CreateGroup(w.ctx, w.by(), "G "+s.acct.Login, "")
	if err != nil {
		w.t.Fatal(err)
	}
	if member {
		if g, err = w.env.st.AddMembers(w.ctx, w.by(), g.ID, []int64{s.acct.ID}); err != nil {
			w.t.Fatal(err)
		}
	}
	if len(roles) > 0 {
		if err := w.env.st.SetGroupRoles(w.ctx, w.by(), g.ID, w.roleIDs(roles...)); err != nil {
			w.t.Fatal(err)
		}
	}
	s.group = g
}

func (w *dfWorld) roleIDs(keys ...string) []int64 {
	out := []int64{}
	for _, k := range keys {
		out = append(out, w.roles[k])
	}
	return out
}

// fresh re-reads the subject's account; ok false once it is gone.
func (w *dfWorld) fresh(s *dfSubject) (store.Account, bool) {
	a, err := w.env.st.Account(w.ctx, w.env.tenant.ID, s.acct.ID)
	if errors.Is(err, store.ErrNotFound) {
		return a, false
	}
	if err != nil {
		w.t.Fatal(err)
	}
	return a, true
}

func (w *dfWorld) directRoles(s *dfSubject) []int64 {
	held, err := w.env.st.AccountRoles(w.ctx, w.env.tenant.ID, []int64{s.acct.ID})
	if err != nil {
		w.t.Fatal(err)
	}
	var out []int64
	for _, r := range held[s.acct.ID] {
		if !r.Inherited {
			out = append(out, r.ID)
		}
	}
	slices.Sort(out)
	return out
}

func (w *dfWorld) isMember(s *dfSubject) bool {
	gs, err := w.env.st.AccountGroups(w.ctx, w.env.tenant.ID, s.acct.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return slices.ContainsFunc(gs, func(g store.Group) bool { return g.ID == s.group.ID })
}

func (w *dfWorld) groupHas(s *dfSubject, role string) bool {
	ids, err := w.env.st.GroupRoleIDs(w.ctx, w.env.tenant.ID, s.group.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return slices.Contains(ids, w.roles[role])
}

func (w *dfWorld) keys(s *dfSubject) []store.APIKey {
	keys, err := w.env.st.APIKeys(w.ctx, w.env.tenant.ID, s.acct.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return keys
}

// post sends a plain console form (no htmx) as the actor.
func (w *dfWorld) post(path string, form url.Values) int {
	return w.console.post(path, form).StatusCode
}

// call sends an API request as the actor.
func (w *dfWorld) call(method, path string, body any) int {
	return w.env.call(w.key, method, path, body).status
}

// dfProfileForm is the edit sidebar's form as the page fills it for a.
func dfProfileForm(a store.Account) url.Values {
	return url.Values{"first_name": {a.FirstName}, "last_name": {a.LastName}, "email": {a.Email}, "language": {a.Language},
		"time_zone": {a.TimeZone}, "currency": {a.Currency}, "user_type": {a.UserType}}
}

func idsForm(name string, ids []int64) url.Values {
	v := url.Values{}
	for _, id := range ids {
		v.Add(name, fmt.Sprint(id))
	}
	return v
}
