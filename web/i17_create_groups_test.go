package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
)

// Putting someone in a group needs groups.manage when they are created too
// (an import creates people in the groups its file names): whoever lacks it
// is refused with the reason, a User Manager is not.
func TestIssue17_GroupsAtCreationNeedGroupsManage(t *testing.T) {
	env := newEnv(t)
	env.roles["no_groups"] = env.roleWithAllBut(env.tenant.ID, auth.GroupsManage)
	env.user("lead@acme.test", "standard", "active", "no_groups")
	env.user("boss@acme.test", "standard", "active", "user_manager", "member")
	g := env.group("Support")
	file := []byte("login,first name,last name,email,groups\nbea,Bea,Test,bea@acme.test,Support\n")
	run := func(email string) string {
		c := env.signedIn(email)
		m := c.importFile("p.csv", file, true)
		wantStatus(t, m, http.StatusOK)
		p := c.post(m.doc.Find("#import-page form").AttrOr("action", ""), importFormOf(m.doc.Find("#import-page form")))
		wantStatus(t, p, http.StatusOK)
		return text(p.doc.Find("#import-rows tbody tr"))
	}
	if got := run("lead@acme.test"); !strings.Contains(got, "Error") || !strings.Contains(got, "groups.manage") {
		t.Fatalf("the preview for someone without groups.manage says %q", got)
	}
	if got := run("boss@acme.test"); !strings.Contains(got, "Create") {
		t.Fatalf("the preview for a User Manager says %q", got)
	}
	if env.members(g) != 0 {
		t.Fatal("a preview put someone in Support")
	}
}
