package importer_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops/importer"
	"github.com/console-dev/console/store"
)

// A service provider's file names a customer by its slug: the row is
// planned and applied in that customer, with the actor's access there.
func TestImportIntoACustomer(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	beta, err := w.st.CreateTenant(ctx, "Beta", "beta", w.tenant.ID, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	roles, err := w.st.Roles(ctx, beta.ID)
	if err != nil {
		t.Fatal(err)
	}
	var admin int64
	for _, r := range roles {
		if r.BuiltinKey == "tenant_admin" {
			admin = r.ID
		}
	}
	if _, err := w.st.SetMemberRoles(ctx, store.Actor{TenantID: beta.ID}, w.admin.ID, []int64{admin}); err != nil {
		t.Fatal(err)
	}
	file := []byte("login,first name,last name,email,tenant\nbeth,Beth,Test,beth@beta.test,beta\nhome,Home,Test,home@acme.test,acme\nnope,No,Pe,nope@other.test,other\n")
	plan := w.plan("p.csv", file)
	golden(t, "customer.golden", render(plan))
	w.apply(plan)
	if _, err := w.st.AccountByLogin(ctx, beta.ID, "beth"); err != nil {
		t.Fatalf("beth is not in Beta: %v", err)
	}
	if _, err := w.st.AccountByLogin(ctx, w.tenant.ID, "home"); err != nil {
		t.Fatalf("home is not in Acme: %v", err)
	}
}

// A User Manager's file cannot give more than they hold: the row asking
// for Tenant Administrator is an error, at preview and at apply alike.
func TestImportFollowsActFor(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	roles, err := w.st.Roles(ctx, w.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, r := range roles {
		ids[r.BuiltinKey] = r.ID
	}
	um, err := w.st.CreateAccount(ctx, store.Actor{TenantID: w.tenant.ID}, store.NewAccount{Profile: store.Profile{FirstName: "Uma",
		LastName: "Test", Email: "um@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "um", Status: "active", AuthMethod: "password", PasswordHash: "x", RoleIDs: []int64{ids["user_manager"]}})
	if err != nil {
		t.Fatal(err)
	}
	w.admin = um // the planner acts as w.p(): now the User Manager
	file := []byte("login,first name,last name,email,roles\nboss,Boss,Test,boss@acme.test,Tenant Administrator\nmia,Mia,Test,mia@acme.test,Member\nadmin,Admin,Changed,admin@acme.test,\nzed,Zed,Test,zed@acme.test,\n")
	plan := w.plan("p.csv", file)
	golden(t, "actfor.golden", render(plan))
	for i, r := range w.apply(plan) {
		if r.Kind != plan.Rows[i].Kind {
			t.Fatalf("line %d: planned %s, applied %s", r.Line, plan.Rows[i].Kind, r.Kind)
		}
	}
	if _, err := w.st.AccountByLogin(ctx, w.tenant.ID, "boss"); err == nil {
		t.Fatal("boss was created with a role beyond the User Manager's")
	}
}

// Beyond the rows rehearsed, the preview judges by the lookups alone: the
// name the form would refuse (line 5) is found when applied.
func TestPreviewRehearsesTheFirstRows(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.pl.Rehearse = 2
	plan := w.plan("people.csv", read(t, "messy.csv"))
	golden(t, "messy_rehearse2.golden", render(plan))
	if plan.Rehearsed != 2 || plan.Beyond != 5 {
		t.Fatalf("rehearsed %d rows and %d beyond, want 2 and 5", plan.Rehearsed, plan.Beyond)
	}
	got := w.apply(plan)
	if got[3].Line != 5 || got[3].Kind != importer.Failed || got[3].Reason != "import_err_invalid_last_name" {
		t.Fatalf("line 5 applied as %+v", got[3])
	}
}

// Under external provisioning people come from the identity provider: a
// new person's row is refused (the operations' lock), not a failure.
func TestImportUnderExternalProvisioning(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	if err := w.st.SetProvisioning(ctx, store.Actor{TenantID: w.tenant.ID, AccountID: w.admin.ID},
		store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	plan := w.plan("p.csv", []byte("login,first name,last name,email\nnew,New,Person,new@acme.test\n"))
	if r := plan.Rows[0]; r.Kind != importer.Failed || r.Reason != "scim_err_external" {
		t.Fatalf("row planned %s %s", r.Kind, r.Reason)
	}
}
