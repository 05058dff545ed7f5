package web

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// The differential test runs each state-changing operation both doors expose
// (console form, API call) for a matrix of actors and targets, and asks that
// both doors reach the same decision and that it is the one the act-for rule
// gives. This file holds the fixtures and the oracle; differential_test.go the
// operations.

// dfCustomRoles are the tenant roles the matrix adds to the built-ins.
var dfCustomRoles = map[string][]string{
	"groups_only": {string(auth.GroupsManage)},
	"keys_only":   {string(auth.APIKeysManage)},
}

// dfRolePerms is what each role key (built-in or custom) grants, as the
// oracle sees it: taken from the role specs, not from the store.
func dfRolePerms() map[string][]string {
	m := map[string][]string{}
	for _, r := range auth.BuiltinRoles() {
		m[r.Key] = r.Permissions
	}
	for k, v := range dfCustomRoles {
		m[k] = v
	}
	return m
}

var dfPerms = dfRolePerms()

// dfEffective is the oracle's effective permissions of a user type holding roles.
func dfEffective(userType string, roles []string) auth.Perms {
	var perms []string
	for _, r := range roles {
		perms = append(perms, dfPerms[r]...)
	}
	return auth.Effective(userType, perms)
}

// dfPerson is an actor or a target: a user type and the roles it holds
// (directly; group roles are added by the operation's fixture).
type dfPerson struct {
	name     string
	userType string
	roles    []string
	other    bool // in another tenant
	service  bool // a service account (targets only)
}

var dfActors = []dfPerson{
	{name: "admin", userType: "admin"},
	{name: "tenant-admin", userType: "standard", roles: []string{"tenant_admin"}},
	{name: "user-manager", userType: "standard", roles: []string{"user_manager"}},
	// holds every read permission as well: waking a dormant account is then
	// refused only by what the account will hold after the change
	{name: "user-manager+auditor", userType: "standard", roles: []string{"user_manager", "auditor"}},
	{name: "groups-only", userType: "standard", roles: []string{"groups_only"}},
	{name: "keys-only", userType: "standard", roles: []string{"keys_only"}},
	{name: "readonly-dormant-ta", userType: "read_only", roles: []string{"tenant_admin"}},
	{name: "auditor", userType: "standard", roles: []string{"auditor"}},
	{name: "no-role", userType: "standard"},
	{name: "other-tenant-admin", userType: "admin", other: true},
}

var dfTargets = []dfPerson{
	{name: "ta-holder", userType: "standard", roles: []string{"tenant_admin"}},
	{name: "user-manager", userType: "standard", roles: []string{"user_manager"}},
	{name: "no-role", userType: "standard"},
	{name: "readonly-dormant-ta", userType: "read_only", roles: []string{"tenant_admin"}},
	{name: "admin", userType: "admin", roles: []string{"auditor"}}, // a direct role, so clearing roles changes something
}

// dfServiceTargets are the service accounts of the service-account
// operations: an application is always a Standard account.
var dfServiceTargets = []dfPerson{
	{name: "svc-ta-holder", userType: "standard", roles: []string{"tenant_admin"}, service: true},
	{name: "svc-user-manager", userType: "standard", roles: []string{"user_manager"}, service: true},
	{name: "svc-no-role", userType: "standard", service: true},
}

// dfState is what the oracle needs of an account before or after a change:
// its user type and every role it holds (direct and through groups).
type dfState struct {
	userType string
	roles    []string
	gone     bool // deleted: holds nothing after
}

// dfExpect applies the rule: the route's permission; nobody acts in another
// tenant; only an Admin acts for an Admin (before or after the change); and
// otherwise the actor holds every permission the account holds before and
// after the change.
func dfExpect(actor dfPerson, perm auth.Permission, before, after dfState, indirect bool) (bool, string) {
	if actor.other {
		return false, "other tenant"
	}
	held := dfEffective(actor.userType, actor.roles)
	if !held.Has(perm) {
		return false, "lacks " + string(perm)
	}
	if actor.userType == "admin" {
		return true, "admin"
	}
	if indirect && !after.gone && before.userType == after.userType &&
		maps.Equal(dfConsole(before), dfConsole(after)) {
		return true, "access unchanged"
	}
	if before.userType == "admin" || (!after.gone && after.userType == "admin") {
		return false, "only an Admin acts for an Admin"
	}
	need := dfEffective(before.userType, before.roles)
	if !after.gone {
		for p := range dfEffective(after.userType, after.roles) {
			need[p] = true
		}
	}
	var missing []string
	for p := range need {
		if _, isModule := auth.IsModule(p); !isModule && !held.Has(p) {
			missing = append(missing, string(p))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return false, "lacks " + strings.Join(missing, ",")
	}
	return true, "holds all"
}

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

// dfDecide classifies an answer: allowed is a 2xx/3xx that really changed
// the store; refused is 403/404/409/422 that changed nothing; anything else
// is reported as it is.
func dfDecide(status int, changed bool) string {
	switch {
	case status >= 200 && status < 400 && changed:
		return "allowed"
	case (status == http.StatusForbidden || status == http.StatusNotFound || status == http.StatusConflict ||
		status == http.StatusUnprocessableEntity) && !changed:
		return "refused"
	case changed:
		return fmt.Sprintf("CHANGED-%d", status)
	}
	return fmt.Sprintf("unchanged-%d", status)
}

// dfRow is one line of the result table.
type dfRow struct {
	name, console, api, want, why string
}

func (r dfRow) ok() bool { return r.console == r.want && r.api == r.want }

type dfTable struct {
	mu   sync.Mutex
	rows []dfRow
}

func (tb *dfTable) add(r dfRow) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.rows = append(tb.rows, r)
}

// failing prints the rows that failed (all of them if all), sorted, as a
// compact table.
func (tb *dfTable) failing(all bool) string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var bad []dfRow
	for _, r := range tb.rows {
		if all || !r.ok() {
			bad = append(bad, r)
		}
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].name < bad[j].name })
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d rows shown\n%-58s %-15s %-15s %-8s %s\n", len(bad), len(tb.rows), "op/actor/target", "console", "api", "want", "why")
	for _, r := range bad {
		fmt.Fprintf(&b, "%-58s %-15s %-15s %-8s %s\n", r.name, r.console, r.api, r.want, r.why)
	}
	return b.String()
}

// dfConsole is an account's effective permissions without module access.
func dfConsole(s dfState) auth.Perms {
	out := dfEffective(s.userType, s.roles)
	maps.DeleteFunc(out, func(p auth.Permission, _ bool) bool { _, mod := auth.IsModule(p); return mod })
	return out
}
