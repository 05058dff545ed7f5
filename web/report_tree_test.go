package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// The User Permission Report of a service provider can cover its customers:
// one row per person per tenant, headed by the tenant's name, the tenants
// below the one acted in only, in CSV and Excel, audited with its scope.
func TestUserReportTreeScope(t *testing.T) {
	t.Parallel()
	m := newManagedEnv(t)
	ctx := context.Background()
	sam := m.user("sam@acme.test", "standard", "active", "auditor")
	if err := m.st.SetManaged(ctx, store.Actor{TenantID: m.tenant.ID}, sam.ID,
		[]store.Managed{{TenantID: m.a.ID, RoleIDs: []int64{m.aRoles["user_manager"]}}}); err != nil {
		t.Fatal(err)
	}
	m.userIn(m.a.ID, m.aRoles, "lea@cust-a.test", "admin", "active")
	m.userIn(m.a1.ID, m.a1Rs, "eu@cust-a1.test", "standard", "active", "member")
	m.userIn(m.b.ID, m.bRoles, "bob@cust-b.test", "standard", "active", "auditor")
	other, otherRoles := m.newTenant("Other", "other")
	m.userIn(other.ID, otherRoles, "stranger@other.test", "admin", "active")

	c := m.signedIn("admin@acme.test")
	page := c.get("/users")
	link, ok := page.doc.Find(`#report-tree a`).First().Attr("href")
	if !ok || !strings.Contains(link, "scope=tree") {
		t.Fatalf("no tree report in the toolbar:\n%s", snippet(page.body))
	}
	res := c.get(strings.TrimPrefix(link, ""))
	wantStatus(t, res, http.StatusOK)
	rows := csvRows(t, res.body)
	if rows[0][0] != "Tenant" || rows[0][1] != "Login" {
		t.Fatalf("header %v", rows[0])
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0]+"/"+r[1]+"/"+r[6]+"/"+r[10])
	}
	want := []string{
		"Acme/admin/Admin/", "Acme/manager/Standard/User Manager (direct)", "Acme/sam/Standard/Auditor (direct)",
		"Customer A/lea/Admin/", "Customer A/sam/Standard/User Manager (direct)",
		"Customer A EU/eu/Standard/Member (direct)",
		"Customer B/bob/Standard/Auditor (direct)",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	x := c.get(strings.Replace(link, "format=csv", "format=xlsx", 1))
	wantStatus(t, x, http.StatusOK)
	if _, _, xr := xlsxRows(t, x.body); len(xr) != len(rows) || xr[5][0] != "Customer A" {
		t.Fatalf("Excel rows %v", xr)
	}
	events, err := m.st.AuditEvents(ctx, m.tenant.ID, store.AuditFilter{Action: string(store.ActionReportUserPermissions), Limit: 5})
	if err != nil || len(events) != 2 {
		t.Fatalf("audit %v %v", events, err)
	}
	if f, _ := events[0].Details["filters"].(map[string]any); f["scope"] != "tree" {
		t.Fatalf("audited filters %v", events[0].Details)
	}

	// Customer A's Admin: A and its sub-tenant, never the provider or a sibling.
	ca := m.signedIn("lea@cust-a.test")
	res = ca.get("/t/cust-a/users/report?all=1&scope=tree&format=csv")
	wantStatus(t, res, http.StatusOK)
	for _, r := range csvRows(t, res.body)[1:] {
		if r[0] != "Customer A" && r[0] != "Customer A EU" {
			t.Errorf("a row of %s in customer A's report: %v", r[0], r)
		}
	}
	// The table's filters hold in every tenant of the tree.
	got = nil
	for _, r := range csvRows(t, c.get("/users/report?scope=tree&q=sam&format=csv").body)[1:] {
		got = append(got, r[0]+"/"+r[1])
	}
	if want := []string{"Acme/sam", "Customer A/sam"}; !slices.Equal(got, want) {
		t.Fatalf("filtered rows %v, want %v", got, want)
	}
	wantStatus(t, c.get("/users/report?scope=everything&format=csv"), http.StatusBadRequest)
}
