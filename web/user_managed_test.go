package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// managedEnv is the env's tenant as a service provider with customers A
// and B, A with a sub-tenant, and a user manager of the provider signed in.
type managedEnv struct {
	*testEnv
	a, b, a1             store.Tenant
	aRoles, bRoles, a1Rs map[string]int64
	c                    *client
}

func newManagedEnv(t *testing.T) *managedEnv {
	env := newEnv(t)
	m := &managedEnv{testEnv: env}
	m.a, m.aRoles = env.childTenant("Customer A", "cust-a", env.tenant.ID)
	m.b, m.bRoles = env.childTenant("Customer B", "cust-b", env.tenant.ID)
	m.a1, m.a1Rs = env.childTenant("Customer A EU", "cust-a1", m.a.ID)
	env.user("manager@acme.test", "standard", "active", "user_manager")
	m.c = env.signedIn("manager@acme.test")
	return m
}

// stepOne is the create form's first step, filled.
func stepOne(email string) url.Values {
	return url.Values{"login": {strings.Split(email, "@")[0]}, "first_name": {"Mona"}, "last_name": {"Naged"}, "email": {email},
		"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"},
		"auth_method": {"password"}, "password": {""}, "status": {"active"}}
}

// manage adds a ticked row for tenant with roles to form.
func manage(form url.Values, tenantID int64, roles ...int64) url.Values {
	id := fmt.Sprint(tenantID)
	form.Add("customers_shown", id)
	form.Add("customer", id)
	for _, r := range roles {
		form.Add("customer_roles_"+id, fmt.Sprint(r))
	}
	return form
}

func (m *managedEnv) rolesIn(tenantID, accountID int64) []int64 {
	m.t.Helper()
	held, err := m.st.AccountRoles(context.Background(), tenantID, []int64{accountID})
	if err != nil {
		m.t.Fatal(err)
	}
	var out []int64
	for _, r := range held[accountID] {
		out = append(out, r.ID)
	}
	slices.Sort(out)
	return out
}

func (m *managedEnv) member(tenantID, accountID int64) bool {
	m.t.Helper()
	rows, err := m.st.ManagedCustomers(context.Background(), m.tenant.ID, accountID)
	if err != nil {
		m.t.Fatal(err)
	}
	for _, r := range rows {
		if r.Tenant.ID == tenantID {
			return r.Member
		}
	}
	return false
}

// The create form of a tenant with customers has a second step: the
// customers, each with its roles; Save creates the person with those
// memberships and queues the email to join.
func TestCreateWithManagedCustomers(t *testing.T) {
	t.Parallel()
	m := newManagedEnv(t)
	c := m.c
	res := c.get("/users/new", htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(`button[formaction="`+tp("/users/new/managed")+`"]`).Text() != "Proceed to Managed customers" {
		t.Fatalf("no way to the second step:\n%s", snippet(res.body))
	}
	res = c.post("/users/new/managed", stepOne("mona@acme.test"), htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	var names []string
	res.doc.Find(".managed-grid tbody .customer-name").Each(func(_ int, s *goquery.Selection) { names = append(names, s.Text()) })
	if want := []string{"Customer A", "Customer A EU", "Customer B"}; !slices.Equal(names, want) {
		t.Fatalf("customers %v, want %v", names, want)
	}
	if res.doc.Find(`input[type=hidden][name=email][value="mona@acme.test"]`).Length() != 1 {
		t.Fatal("the first step's fields are not carried")
	}
	// The first step's errors stay on the first step.
	bad := stepOne("not-an-email")
	wantStatus(t, c.post("/users/new/managed", bad, htmx("sidebar")...), http.StatusUnprocessableEntity)

	form := manage(manage(stepOne("mona@acme.test"), m.a.ID, m.aRoles["user_manager"]), m.a1.ID, m.a1Rs["user_manager"])
	form.Set("step", "managed")
	form.Add("customers_shown", fmt.Sprint(m.b.ID)) // shown, not ticked
	res = c.post("/users", form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	mona, ok := m.accountByEmail("mona@acme.test")
	if !ok || mona.TenantID != m.tenant.ID || mona.Status != "pending" {
		t.Fatalf("created %+v %v", mona, ok)
	}
	if got := m.rolesIn(m.a.ID, mona.ID); !slices.Equal(got, []int64{m.aRoles["user_manager"]}) {
		t.Fatalf("roles in A %v", got)
	}
	if !m.member(m.a1.ID, mona.ID) || m.member(m.b.ID, mona.ID) {
		t.Fatal("memberships not as chosen")
	}
	mails, err := m.st.Outbox(context.Background(), m.tenant.ID, 0, 5)
	if err != nil || len(mails) == 0 || mails[0].To != "mona@acme.test" {
		t.Fatalf("no email to join: %+v %v", mails, err)
	}
	// The sidebar shows the same table.
	res = c.get("/users/"+id(mona)+"/edit", htmx("sidebar")...)
	if !res.doc.Find(fmt.Sprintf("#customer-%d", m.a.ID)).Is("[checked]") || res.doc.Find(fmt.Sprintf("#customer-%d", m.b.ID)).Is("[checked]") {
		t.Fatalf("the sidebar's table does not show the memberships:\n%s", snippet(res.body))
	}
}

// Refusals name the row and leave nothing behind.
func TestCreateWithManagedCustomersRefused(t *testing.T) {
	t.Parallel()
	m := newManagedEnv(t)
	other, otherRoles := m.newTenant("Other", "other")
	cases := []struct {
		name   string
		tenant int64
		role   int64
		status int
		says   string
	}{
		{"a role beyond the manager's", m.b.ID, m.bRoles["auditor"], http.StatusForbidden, "permissions you hold"},
		{"a tenant outside the tree", other.ID, otherRoles["member"], http.StatusNotFound, "not one of this tenant"},
		{"the provider itself", m.tenant.ID, m.roles["member"], http.StatusNotFound, "not one of this tenant"},
		{"another customer's role", m.a.ID, m.bRoles["member"], http.StatusUnprocessableEntity, "does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := manage(stepOne("rex@acme.test"), tc.tenant, tc.role)
			form.Set("step", "managed")
			res := m.c.post("/users", form, htmx("sidebar")...)
			wantStatus(t, res, tc.status)
			if msg := res.doc.Find(fmt.Sprintf("#managed-%d-error", tc.tenant)).Text(); tc.status != http.StatusNotFound && !strings.Contains(msg, tc.says) {
				t.Errorf("row message %q, want %q\n%s", msg, tc.says, snippet(res.body))
			}
			if !strings.Contains(res.body, tc.says) {
				t.Errorf("the page does not say %q", tc.says)
			}
			if _, ok := m.accountByEmail("rex@acme.test"); ok {
				t.Fatal("a refused save left the person behind")
			}
		})
	}
}

// The sidebar's table edits the memberships: ticking adds, unticking ends,
// roles change; a role the manager may not give is refused in its row.
func TestSidebarManagedCustomers(t *testing.T) {
	t.Parallel()
	m := newManagedEnv(t)
	sam := m.user("sam@acme.test", "standard", "active")
	if err := m.st.SetManaged(context.Background(), store.Actor{TenantID: m.tenant.ID}, sam.ID,
		[]store.Managed{{TenantID: m.a.ID, RoleIDs: []int64{m.aRoles["user_manager"]}}}); err != nil {
		t.Fatal(err)
	}
	form := manage(url.Values{}, m.b.ID, m.bRoles["user_manager"])
	form.Add("customers_shown", fmt.Sprint(m.a.ID))
	form.Add("customers_shown", fmt.Sprint(m.a1.ID))
	res := m.c.post("/users/"+id(sam)+"/managed", form, htmx("managed-customers")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "Managed customers saved.") {
		t.Fatalf("no confirmation:\n%s", snippet(res.body))
	}
	if m.member(m.a.ID, sam.ID) || !m.member(m.b.ID, sam.ID) {
		t.Fatal("memberships not as saved")
	}
	if got := m.rolesIn(m.b.ID, sam.ID); len(got) != 1 {
		t.Fatalf("roles in B %v", got)
	}
	// What the manager may not give is not offered.
	side := m.c.get("/users/"+id(sam)+"/edit", htmx("sidebar")...)
	role := func(tenant, r int64) *goquery.Selection {
		return side.doc.Find(fmt.Sprintf(`input[type=checkbox][name="customer_roles_%d"][value="%d"]`, tenant, r))
	}
	if !role(m.b.ID, m.bRoles["auditor"]).Is("[disabled]") || role(m.b.ID, m.bRoles["user_manager"]).Is("[disabled]") {
		t.Fatalf("roles offered beyond the manager's access:\n%s", snippet(side.body))
	}
	form = manage(url.Values{}, m.b.ID, m.bRoles["auditor"])
	res = m.c.post("/users/"+id(sam)+"/managed", form, htmx("managed-customers")...)
	wantStatus(t, res, http.StatusForbidden)
	if msg := res.doc.Find(fmt.Sprintf("#managed-%d-error", m.b.ID)).Text(); !strings.Contains(msg, "permissions you hold") {
		t.Fatalf("row message %q\n%s", msg, snippet(res.body))
	}
	if got := m.rolesIn(m.b.ID, sam.ID); len(got) != 1 {
		t.Fatalf("a refused save changed the roles in B: %v", got)
	}
	// A tenant without customers offers no second step and no table.
	plain := newEnv(t)
	c := plain.signedIn("admin@acme.test")
	if res := c.get("/users/new", htmx("sidebar")...); strings.Contains(res.body, "Managed customers") {
		t.Fatal("a tenant without customers offers Managed customers")
	}
}

// POST /api/v1/users takes managed_customers: created in one go, or refused
// naming the entry with nothing written.
func TestAPICreateWithManagedCustomers(t *testing.T) {
	t.Parallel()
	m := newManagedEnv(t)
	mgr, _ := m.accountByEmail("manager@acme.test")
	key, _ := m.keyFor(mgr, time.Time{})
	body := func(email string, rows string) string {
		return `{"login":"` + strings.Split(email, "@")[0] + `","first_name":"Api","last_name":"Made","email":"` + email +
			`","managed_customers":` + rows + `}`
	}
	res := m.call(key, http.MethodPost, "/users", body("api1@acme.test",
		fmt.Sprintf(`[{"tenant_id":%d,"role_ids":[%d]},{"tenant_id":%d}]`, m.a.ID, m.aRoles["user_manager"], m.b.ID)))
	wantAPI(t, res, http.StatusCreated)
	made := num(res.body["id"])
	if got := m.rolesIn(m.a.ID, made); !slices.Equal(got, []int64{m.aRoles["user_manager"]}) || !m.member(m.b.ID, made) {
		t.Fatalf("roles in A %v, member of B %v", got, m.member(m.b.ID, made))
	}
	for _, tc := range []struct {
		rows   string
		status int
		field  string
	}{
		{fmt.Sprintf(`[{"tenant_id":%d,"role_ids":[%d]}]`, m.b.ID, m.aRoles["member"]), http.StatusUnprocessableEntity, "managed_customers[0].role_ids"},
		{fmt.Sprintf(`[{"tenant_id":%d},{"tenant_id":%d}]`, m.b.ID, m.tenant.ID), http.StatusNotFound, "managed_customers[1].tenant_id"},
		{fmt.Sprintf(`[{"tenant_id":%d,"role_ids":[%d]}]`, m.b.ID, m.bRoles["auditor"]), http.StatusForbidden, "managed_customers[0].role_ids"},
	} {
		res := m.call(key, http.MethodPost, "/users", body("api2@acme.test", tc.rows))
		wantAPI(t, res, tc.status)
		if !fieldErrors(res)[tc.field] {
			t.Errorf("%s: fields %v, want %s", tc.rows, res.raw, tc.field)
		}
		if _, ok := m.accountByEmail("api2@acme.test"); ok {
			t.Fatalf("%s: half written", tc.rows)
		}
	}
}
