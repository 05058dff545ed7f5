package web

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
)

// dfOp is one state-changing operation both doors expose.
type dfOp struct {
	name   string
	perm   auth.Permission // the route's own permission
	status string          // the targets' status before ("" is active)
	setup  func(w *dfWorld, s *dfSubject)
	// before and after are the target's type and roles around the change
	// (nil before: as the target is made; nil after: same as before).
	before, after func(t dfPerson) dfState
	console       func(w *dfWorld, s *dfSubject) int
	api           func(w *dfWorld, s *dfSubject) int
	changed       func(w *dfWorld, s *dfSubject) bool
	noop          func(t dfPerson) bool // the change would change nothing for this target
	targets       []dfPerson            // nil: dfTargets
	// indirect: the change is to a group, not to the account, so the rule
	// judges the account only if its access changes ("taking access away
	// follows the same rule for every account that loses access").
	indirect bool
}

func (op dfOp) targetList() []dfPerson {
	if op.targets != nil {
		return op.targets
	}
	return dfTargets
}

func asMade(t dfPerson) dfState { return dfState{userType: t.userType, roles: t.roles} }

func withRoles(extra ...string) func(t dfPerson) dfState {
	return func(t dfPerson) dfState {
		return dfState{userType: t.userType, roles: append(slices.Clone(t.roles), extra...)}
	}
}

// dfNewType is the user type each target is switched to by the type op:
// demotions, a promotion to Admin, and the dormant account woken up.
var dfNewType = map[string]string{
	"ta-holder":           "read_only",
	"user-manager":        "read_only",
	"no-role":             "admin",
	"readonly-dormant-ta": "standard",
	"admin":               "standard",
}

func uid(s *dfSubject) string { return fmt.Sprint(s.acct.ID) }
func gid(s *dfSubject) string { return fmt.Sprint(s.group.ID) }

func dfOps() []dfOp {
	newEmail := func(s *dfSubject) string { return "changed-" + s.acct.Login + "@acme.test" }
	status := func(op, to string) dfOp {
		from := "deactivated"
		if to == "deactivated" {
			from = "active"
		}
		return dfOp{name: op, perm: auth.UsersManage, status: from,
			console: func(w *dfWorld, s *dfSubject) int { return w.post("/users/"+uid(s)+"/"+op, nil) },
			api:     func(w *dfWorld, s *dfSubject) int { return w.call(http.MethodPost, "/users/"+uid(s)+"/"+op, nil) },
			changed: func(w *dfWorld, s *dfSubject) bool { a, _ := w.fresh(s); return a.Status == to }}
	}
	groupRemove := func(name string, console func(w *dfWorld, s *dfSubject) int) dfOp {
		return dfOp{name: name, perm: auth.GroupsManage,
			setup:   func(w *dfWorld, s *dfSubject) { w.group(s, true) },
			console: console,
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodDelete, "/groups/"+gid(s)+"/members/"+uid(s), nil)
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return !w.isMember(s) }}
	}
	groupAdd := func(name string, roles ...string) dfOp {
		return dfOp{name: name, perm: auth.GroupsManage,
			setup: func(w *dfWorld, s *dfSubject) { w.group(s, false, roles...) },
			after: withRoles(roles...),
			console: func(w *dfWorld, s *dfSubject) int {
				return w.post("/groups/members", url.Values{"account_id": {uid(s)}, "group_id": {gid(s)}})
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPut, "/groups/"+gid(s)+"/members/"+uid(s), nil)
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return w.isMember(s) }}
	}
	// A service account's status and roles: the console's service-account
	// pages and the API's /service-accounts/{id} endpoints, both
	// apikeys.manage (the operation asks it of any change to a service
	// account, whichever route reaches it).
	svcStatus := func(op, to string) dfOp {
		from := "deactivated"
		if to == "deactivated" {
			from = "active"
		}
		return dfOp{name: "svc-" + op, perm: auth.APIKeysManage, status: from, targets: dfServiceTargets,
			console: func(w *dfWorld, s *dfSubject) int { return w.post("/service-accounts/"+uid(s)+"/"+op, nil) },
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPost, "/service-accounts/"+uid(s)+"/"+op, nil)
			},
			changed: func(w *dfWorld, s *dfSubject) bool { a, _ := w.fresh(s); return a.Status == to }}
	}
	return []dfOp{
		svcStatus("activate", "active"),
		svcStatus("deactivate", "deactivated"),
		{name: "svc-roles-clear", perm: auth.APIKeysManage, targets: dfServiceTargets,
			after:   func(t dfPerson) dfState { return dfState{userType: t.userType} },
			console: func(w *dfWorld, s *dfSubject) int { return w.post("/service-accounts/"+uid(s)+"/roles", nil) },
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPut, "/service-accounts/"+uid(s)+"/roles", map[string]any{"role_ids": []int64{}})
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return len(w.directRoles(s)) == 0 },
			noop:    func(t dfPerson) bool { return len(t.roles) == 0 }},
		{name: "profile", perm: auth.UsersManage,
			console: func(w *dfWorld, s *dfSubject) int {
				f := dfProfileForm(s.acct)
				f.Set("first_name", "Changed")
				return w.post("/users/"+uid(s), f)
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPatch, "/users/"+uid(s), map[string]any{"first_name": "Changed"})
			},
			changed: func(w *dfWorld, s *dfSubject) bool { a, _ := w.fresh(s); return a.FirstName == "Changed" }},
		{name: "email", perm: auth.UsersManage,
			console: func(w *dfWorld, s *dfSubject) int {
				f := dfProfileForm(s.acct)
				f.Set("email", newEmail(s))
				return w.post("/users/"+uid(s), f)
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPatch, "/users/"+uid(s), map[string]any{"email": newEmail(s)})
			},
			changed: func(w *dfWorld, s *dfSubject) bool { a, _ := w.fresh(s); return a.Email == newEmail(s) }},
		{name: "user-type", perm: auth.UsersManage,
			after: func(t dfPerson) dfState { return dfState{userType: dfNewType[t.name], roles: t.roles} },
			console: func(w *dfWorld, s *dfSubject) int {
				f := dfProfileForm(s.acct)
				f.Set("user_type", dfNewType[s.target.name])
				return w.post("/users/"+uid(s), f)
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPatch, "/users/"+uid(s), map[string]any{"user_type": dfNewType[s.target.name]})
			},
			changed: func(w *dfWorld, s *dfSubject) bool {
				a, _ := w.fresh(s)
				return a.UserType == dfNewType[s.target.name]
			}},
		status("activate", "active"),
		status("deactivate", "deactivated"),
		{name: "roles-clear", perm: auth.UsersManage,
			after:   func(t dfPerson) dfState { return dfState{userType: t.userType} },
			console: func(w *dfWorld, s *dfSubject) int { return w.post("/users/"+uid(s)+"/roles", nil) },
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPut, "/users/"+uid(s)+"/roles", map[string]any{"role_ids": []int64{}})
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return len(w.directRoles(s)) == 0 },
			noop:    func(t dfPerson) bool { return len(t.roles) == 0 }},
		{name: "roles-add-member", perm: auth.UsersManage,
			after: withRoles("member"),
			console: func(w *dfWorld, s *dfSubject) int {
				return w.post("/users/"+uid(s)+"/roles", idsForm("role", append(w.directRoles(s), w.roles["member"])))
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPut, "/users/"+uid(s)+"/roles", map[string]any{"role_ids": append(w.directRoles(s), w.roles["member"])})
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return slices.Contains(w.directRoles(s), w.roles["member"]) }},
		{name: "delete-pending", perm: auth.UsersManage, status: "pending",
			after:   func(t dfPerson) dfState { return dfState{gone: true} },
			console: func(w *dfWorld, s *dfSubject) int { return w.post("/users/"+uid(s)+"/delete", nil) },
			api:     func(w *dfWorld, s *dfSubject) int { return w.call(http.MethodDelete, "/users/"+uid(s), nil) },
			changed: func(w *dfWorld, s *dfSubject) bool { _, ok := w.fresh(s); return !ok }},
		{name: "key-create", perm: auth.APIKeysManage,
			console: func(w *dfWorld, s *dfSubject) int {
				return w.post("/accounts/"+uid(s)+"/keys", url.Values{"name": {"diff"}, "expires": {"30d"}})
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPost, "/accounts/"+uid(s)+"/keys", map[string]any{"name": "diff", "expires": "30d"})
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return len(w.keys(s)) > 0 }},
		{name: "key-revoke", perm: auth.APIKeysManage,
			setup: func(w *dfWorld, s *dfSubject) { _, k := w.env.keyFor(s.acct, time.Time{}); s.keyID = k.ID },
			console: func(w *dfWorld, s *dfSubject) int {
				return w.post(fmt.Sprintf("/accounts/%s/keys/%d/revoke", uid(s), s.keyID), nil)
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodDelete, fmt.Sprintf("/accounts/%s/keys/%d", uid(s), s.keyID), nil)
			},
			changed: func(w *dfWorld, s *dfSubject) bool {
				keys := w.keys(s)
				return len(keys) == 1 && !keys[0].RevokedAt.IsZero()
			}},
		groupAdd("group-add"),
		groupAdd("group-add-to-auditor-group", "auditor"),
		groupRemove("group-remove", func(w *dfWorld, s *dfSubject) int {
			return w.post("/groups/"+gid(s)+"/members/remove", url.Values{"account_id": {uid(s)}})
		}),
		groupRemove("group-remove-panel", func(w *dfWorld, s *dfSubject) int {
			return w.post("/groups/members/remove", url.Values{"account_id": {uid(s)}, "group_id": {gid(s)}})
		}),
		{name: "group-role-add", perm: auth.GroupsManage, indirect: true,
			setup: func(w *dfWorld, s *dfSubject) { w.group(s, true) },
			after: withRoles("groups_only"),
			console: func(w *dfWorld, s *dfSubject) int {
				return w.post("/groups/"+gid(s)+"/roles", idsForm("role", w.roleIDs("groups_only")))
			},
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodPut, fmt.Sprintf("/groups/%s/roles/%d", gid(s), w.roles["groups_only"]), nil)
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return w.groupHas(s, "groups_only") }},
		{name: "group-role-remove", perm: auth.GroupsManage, indirect: true,
			setup:   func(w *dfWorld, s *dfSubject) { w.group(s, true, "groups_only") },
			before:  withRoles("groups_only"),
			after:   asMade,
			console: func(w *dfWorld, s *dfSubject) int { return w.post("/groups/"+gid(s)+"/roles", nil) },
			api: func(w *dfWorld, s *dfSubject) int {
				return w.call(http.MethodDelete, fmt.Sprintf("/groups/%s/roles/%d", gid(s), w.roles["groups_only"]), nil)
			},
			changed: func(w *dfWorld, s *dfSubject) bool { return !w.groupHas(s, "groups_only") }},
	}
}

// TestDifferential: every operation on accounts and groups that both the
// console and the API expose reaches the same decision through both doors,
// and the decision is the act-for rule's (DESIGN.md "Act-for rule",
// "Effective permissions").
func TestDifferential(t *testing.T) {
	newEnv(t) // the shared password hash is made once, before the worlds read it
	ops := dfOps()
	// One world per actor, built side by side; the rows then share it.
	worlds := make([]*dfWorld, len(dfActors))
	var wg sync.WaitGroup
	for i, actor := range dfActors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worlds[i] = dfNewWorld(t, ops, actor)
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	table := &dfTable{}
	t.Cleanup(func() {
		// CONSOLE_DIFF_TABLE=all prints every row, passing ones too.
		if all := os.Getenv("CONSOLE_DIFF_TABLE") == "all"; all || t.Failed() {
			t.Log("\n" + table.failing(all))
		}
	})
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			for i, actor := range dfActors {
				w := worlds[i]
				t.Run(actor.name, func(t *testing.T) {
					t.Parallel()
					for _, tg := range op.targetList() {
						if op.noop != nil && op.noop(tg) {
							continue // nothing to change: no row can tell allowed from refused
						}
						t.Run(tg.name, func(t *testing.T) {
							before := asMade(tg)
							if op.before != nil {
								before = op.before(tg)
							}
							after := before
							if op.after != nil {
								after = op.after(tg)
							}
							want, why := dfExpect(actor, op.perm, before, after, op.indirect)
							row := dfRow{name: op.name + "/" + actor.name + "/" + tg.name, want: "refused", why: why}
							if want {
								row.want = "allowed"
							}
							cs, as := w.subject[op.name+"/console/"+tg.name], w.subject[op.name+"/api/"+tg.name]
							w.mu.Lock()
							row.console = dfDecide(op.console(w, cs), op.changed(w, cs))
							row.api = dfDecide(op.api(w, as), op.changed(w, as))
							w.mu.Unlock()
							table.add(row)
							if !row.ok() {
								t.Errorf("console %s, api %s, want %s (%s)", row.console, row.api, row.want, why)
							}
						})
					}
				})
			}
		})
	}
}
