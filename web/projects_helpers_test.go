package web

import (
	"context"
	"fmt"
	"strings"

	"github.com/console-dev/console/store"
)

func (e *testEnv) project(name string) store.Project {
	e.t.Helper()
	p, err := e.st.CreateProject(context.Background(), actorFor(e), name, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// french switches an account's language setting to French.
func (e *testEnv) french(a store.Account) {
	e.t.Helper()
	// as the account stands now: a stale copy would undo other changes (its time zone)
	a, err := e.st.Account(context.Background(), a.TenantID, a.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	pf := profileOf(a, a.FirstName, a.LastName)
	pf.Language = "fr"
	if _, err := e.st.UpdateProfile(context.Background(), actorFor(e), a.ID, pf); err != nil {
		e.t.Fatal(err)
	}
}

func projectPath(p store.Project, suffix string) string {
	return fmt.Sprintf("/projects/%d%s", p.ID, suffix)
}

func ptext(res response, sel string) string {
	return strings.Join(strings.Fields(res.doc.Find(sel).Text()), " ")
}
