package web

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/console-dev/console/store"
)

// reportTenant is a small tenant: an auditor through a direct role and a
// group, a read-only user, a user whose name is a formula, a service account,
// a module, and a project with a misconfigured person.
func reportTenant(t *testing.T) *testEnv {
	env := newEnv(t)
	ctx := context.Background()
	by := actorFor(env)
	aud := env.user("auditor@acme.test", "standard", "active", "auditor")
	reader := env.user("reader@acme.test", "read_only", "active", "user_manager")
	evil := env.user("mallory@acme.test", "standard", "active", "member")
	if _, err := env.st.UpdateProfile(ctx, by, evil.ID, profileOf(evil, "=HYPERLINK(\"http://x\")", "+33 1 23")); err != nil {
		t.Fatal(err)
	}
	env.user("idle@acme.test", "standard", "deactivated", "member")
	n := store.NewAccount{Profile: store.Profile{FirstName: "Billing", LastName: "Robot", Language: "en", TimeZone: "UTC",
		Currency: "USD", UserType: "standard"}, Kind: "service", Login: "billing-bot", Status: "active", AuthMethod: "password",
		RoleIDs: []int64{env.roles["member"]}}
	if _, err := env.st.CreateAccount(ctx, by, n); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.CreateModule(ctx, by, "billing", "Billing", ""); err != nil {
		t.Fatal(err)
	}
	g, err := env.st.CreateGroup(ctx, by, "Support", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, by, g.ID, []int64{env.roles["member"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, by, g.ID, []int64{aud.ID, reader.ID}); err != nil {
		t.Fatal(err)
	}
	p, err := env.st.CreateProject(ctx, by, "Apollo", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectUsers(ctx, by, p.ID, []int64{aud.ID}, "write", true); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectUsers(ctx, by, p.ID, []int64{reader.ID}, "write", false); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectTeams(ctx, by, p.ID, []int64{g.ID}, "read"); err != nil {
		t.Fatal(err)
	}
	return env
}

func csvRows(t *testing.T, body string) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Fatalf("CSV without byte-order mark: %q", snippet(body))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func xlsxRows(t *testing.T, body string) (*excelize.File, string, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows { // GetRows drops trailing empty cells
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	return f, sheet, rows
}
