package ops_test

import (
	"errors"
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// scimWorld is a tenant with a password Admin (its last manager), a User
// Manager with tenant.settings too, and a token of its identity provider.
type scimWorld struct {
	*world
	tenant   store.Tenant
	roles    map[string]int64
	admin    ops.Principal
	provider ops.Principal
	token    store.SCIMToken
}

func newSCIMWorld(t *testing.T, mode string) *scimWorld {
	t.Helper()
	w := &scimWorld{world: newWorld(t)}
	w.tenant, w.roles = w.world.tenant("acme")
	a, err := w.st.CreateAccount(w.ctx, store.Actor{TenantID: w.tenant.ID}, store.NewAccount{
		Profile: store.Profile{FirstName: "Ada", LastName: "Admin", Email: "ada@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "admin"},
		Login:   "ada", Status: "active", AuthMethod: "password", PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	w.admin = ops.Principal{TenantID: w.tenant.ID, HomeTenantID: w.tenant.ID, AccountID: a.ID, IP: "192.0.2.1"}
	if err := w.ops.SetProvisioning(w.ctx, w.admin, store.Provisioning{Mode: mode}); err != nil {
		t.Fatal(err)
	}
	_, tok, err := w.ops.CreateSCIMToken(w.ctx, w.admin, "Entra ID")
	if err != nil {
		t.Fatal(err)
	}
	w.token, w.provider = tok, ops.Provider(w.tenant.ID, tok.ID, "203.0.113.9")
	return w
}

func (w *scimWorld) scimUser(login string) store.Account {
	w.t.Helper()
	a, err := w.ops.SCIMCreateUser(w.ctx, w.provider, store.SCIMUser{Login: login, FirstName: "Zoë", LastName: "Smith",
		Email: login + "@acme.test", ExternalID: "ext-" + login, Active: true})
	if err != nil {
		w.t.Fatalf("provider creates %s: %v", login, err)
	}
	return a
}

// TestSCIMTokenOnlyFromAnAdmin: the provider acts for everyone it
// provisions, so a User Manager who may change settings still cannot make
// a token; the Admin can, and names it.
func TestSCIMTokenOnlyFromAnAdmin(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningExternal)
	um := w.account(w.tenant.ID, "uma", "standard", "active", w.roles["user_manager"], w.roles["tenant_admin"])
	um.HomeTenantID = w.tenant.ID
	_, _, err := w.ops.CreateSCIMToken(w.ctx, um, "Okta")
	if e := refused(t, err, ops.Forbidden); e.Key != "scim_err_admin_only" {
		t.Fatalf("a non-Admin with tenant.settings made a token: %v", e.Key)
	}
	_, _, err = w.ops.CreateSCIMToken(w.ctx, w.admin, " ")
	if e := refused(t, err, ops.Invalid); e.Fields["name"] == "" {
		t.Fatalf("a token without a name: %+v", e)
	}
}

// TestProviderActsOnlyWhileExternalAndLive: in console mode, or with its
// token revoked, the provider's changes are refused, judged in the
// transaction.
func TestProviderActsOnlyWhileExternalAndLive(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningConsole)
	_, err := w.ops.SCIMCreateUser(w.ctx, w.provider, store.SCIMUser{Login: "zoe", Email: "zoe@acme.test", Active: true})
	if e := refused(t, err, ops.Forbidden); e.Key != "scim_err_off" {
		t.Fatalf("console mode took a provider's user: %v", e.Key)
	}
	if err := w.ops.SetProvisioning(w.ctx, w.admin, store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	zoe := w.scimUser("zoe")
	if !zoe.SCIMManaged || zoe.AuthMethod != "sso" || zoe.ExternalID != "ext-zoe" || zoe.Status != "active" {
		t.Fatalf("provider's person: %+v", zoe)
	}
	if _, err := w.ops.RevokeSCIMToken(w.ctx, w.admin, w.token.ID); err != nil {
		t.Fatal(err)
	}
	_, err = w.ops.SCIMSaveUser(w.ctx, w.provider, zoe.ID, store.SCIMUser{Login: "zoe", FirstName: "Z", Email: "zoe@acme.test"})
	if e := refused(t, err, ops.Forbidden); e.Key != "scim_err_off" {
		t.Fatalf("a revoked token still acted: %v", e.Key)
	}
}

// TestLockHoldsConsoleAndAPIOff: in external mode the console's operations
// refuse to create people or to edit, deactivate or regroup what the
// provider manages; roles and the user type stay the console's; switching
// back to console mode unlocks everyone.
func TestLockHoldsConsoleAndAPIOff(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningExternal)
	zoe := w.scimUser("zoe")
	edit := form.User{FirstName: "Renamed", LastName: zoe.LastName, Email: zoe.Email, Language: zoe.Language,
		TimeZone: zoe.TimeZone, Currency: zoe.Currency, UserType: zoe.UserType}
	_, err := w.ops.UpdateUser(w.ctx, w.admin, zoe.ID, edit)
	if e := refused(t, err, ops.Conflict); e.Key != "scim_err_managed" {
		t.Fatalf("console renamed the provider's person: %v", e.Key)
	}
	_, err = w.ops.SetStatus(w.ctx, w.admin, zoe.ID, "deactivated")
	if e := refused(t, err, ops.Conflict); e.Key != "scim_err_managed" {
		t.Fatalf("console deactivated the provider's person: %v", e.Key)
	}
	keep := edit
	keep.FirstName, keep.Currency = zoe.FirstName, "EUR"
	if _, err := w.ops.UpdateUser(w.ctx, w.admin, zoe.ID, keep); err != nil {
		t.Fatalf("the currency is the console's: %v", err)
	}
	self := ops.Principal{TenantID: w.tenant.ID, HomeTenantID: w.tenant.ID, AccountID: zoe.ID}
	_, err = w.ops.UpdateOwnProfile(w.ctx, self, store.OwnProfile{FirstName: "Zo", LastName: zoe.LastName, Language: "fr", TimeZone: "UTC", Currency: "USD"})
	if e := refused(t, err, ops.Conflict); e.Key != "scim_err_managed" {
		t.Fatalf("a provisioned person renamed themselves: %v", err)
	}
	if _, err := w.ops.UpdateOwnProfile(w.ctx, self, store.OwnProfile{FirstName: zoe.FirstName, LastName: zoe.LastName, Language: "fr", TimeZone: "Europe/Paris", Currency: "EUR"}); err != nil {
		t.Fatalf("their language, time zone and currency are theirs: %v", err)
	}
	if err := w.ops.SetRoles(w.ctx, w.admin, zoe.ID, []int64{w.roles["auditor"]}); err != nil {
		t.Fatalf("roles are the console's: %v", err)
	}
	_, err = w.ops.CreateUser(w.ctx, w.admin, form.User{Login: "new", FirstName: "New", LastName: "Person", Email: "new@acme.test",
		Language: "en", UserType: "standard", AuthMethod: "sso", Status: "active"})
	if e := refused(t, err, ops.Conflict); e.Key != "scim_err_external" {
		t.Fatalf("console created a person in external mode: %v", err)
	}

	g, err := w.ops.SCIMCreateGroup(w.ctx, w.provider, store.SCIMGroup{Name: "Sales", ExternalID: "g1", Members: []int64{zoe.ID}})
	if err != nil || g.Members != 1 || !g.SCIMManaged {
		t.Fatalf("provider's group: %+v %v", g, err)
	}
	_, err = w.ops.RemoveMembers(w.ctx, w.admin, g.ID, []int64{zoe.ID})
	if e := refused(t, err, ops.Conflict); e.Key != "scim_err_managed" {
		t.Fatalf("console changed the provider's group members: %v", e.Key)
	}
	if e := refused(t, w.ops.DeleteGroup(w.ctx, w.admin, g.ID, 0), ops.Conflict); e.Key != "scim_err_managed" {
		t.Fatalf("console deleted the provider's group: %v", e.Key)
	}
	if err := w.ops.SetGroupRoles(w.ctx, w.admin, g.ID, []int64{w.roles["auditor"]}); err != nil {
		t.Fatalf("a group's roles are the console's: %v", err)
	}

	if err := w.ops.SetProvisioning(w.ctx, w.admin, store.Provisioning{Mode: store.ProvisioningConsole}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ops.UpdateUser(w.ctx, w.admin, zoe.ID, edit); err != nil {
		t.Fatalf("console mode again, still locked: %v", err)
	}
	if _, err := w.ops.RemoveMembers(w.ctx, w.admin, g.ID, []int64{zoe.ID}); err != nil {
		t.Fatalf("console mode again, group still locked: %v", err)
	}
}

// TestProviderClaimsConsolePeople: a person made before the switch stays
// editable until the provider writes to them (found by userName), then is
// the provider's; a different userName is refused, not applied.
func TestProviderClaimsConsolePeople(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningConsole)
	bob := w.account(w.tenant.ID, "bob", "standard", "active")
	if err := w.ops.SetProvisioning(w.ctx, w.admin, store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ops.SetStatus(w.ctx, w.admin, bob.AccountID, "deactivated"); err != nil {
		t.Fatalf("unclaimed people stay the console's: %v", err)
	}
	_, err := w.ops.SCIMSaveUser(w.ctx, w.provider, bob.AccountID, store.SCIMUser{Login: "robert", Email: "bob@example.test", Active: true})
	if e := refused(t, err, ops.Invalid); e.Key != "scim_err_login_immutable" {
		t.Fatalf("a new userName: %v", err)
	}
	a, err := w.ops.SCIMSaveUser(w.ctx, w.provider, bob.AccountID, store.SCIMUser{Login: "BOB", FirstName: "Bob", LastName: "B",
		Email: "bob@example.test", ExternalID: "00u1", Active: true})
	if err != nil || !a.SCIMManaged || a.Login != "bob" || a.ExternalID != "00u1" || a.Status != "active" {
		t.Fatalf("claim: %+v %v", a, err)
	}
	_, err = w.ops.SetStatus(w.ctx, w.admin, bob.AccountID, "deactivated")
	refused(t, err, ops.Conflict)
}

// TestProviderKeepsTheLastManager: the provider's deactivation or DELETE
// (deactivating or removing) never takes away the last person able to
// manage users.
func TestProviderKeepsTheLastManager(t *testing.T) {
	t.Parallel()
	for _, removes := range []bool{false, true} {
		w := newSCIMWorld(t, store.ProvisioningExternal)
		if err := w.ops.SetProvisioning(w.ctx, w.admin, store.Provisioning{Mode: store.ProvisioningExternal, DeleteRemoves: removes}); err != nil {
			t.Fatal(err)
		}
		if err := w.ops.SCIMDeleteUser(w.ctx, w.provider, w.admin.AccountID); !errors.Is(err, store.ErrLastManager) {
			t.Fatalf("delete (removes=%v) the last manager: %v", removes, err)
		}
		_, err := w.ops.SCIMSaveUser(w.ctx, w.provider, w.admin.AccountID, store.SCIMUser{Login: "ada", FirstName: "Ada", Email: "ada@acme.test"})
		if !errors.Is(err, store.ErrLastManager) {
			t.Fatalf("active=false on the last manager: %v", err)
		}
		zoe := w.scimUser("zoe")
		if err := w.ops.SCIMDeleteUser(w.ctx, w.provider, zoe.ID); err != nil {
			t.Fatal(err)
		}
		a, err := w.st.Account(w.ctx, w.tenant.ID, zoe.ID)
		switch {
		case removes && !errors.Is(err, store.ErrNotFound):
			t.Fatalf("DELETE with removal kept the person: %+v %v", a, err)
		case !removes && (err != nil || a.Status != "deactivated"):
			t.Fatalf("DELETE without removal: %+v %v", a, err)
		}
	}
}

// TestProviderStaysInItsTenant: another tenant's ids are not found.
func TestProviderStaysInItsTenant(t *testing.T) {
	t.Parallel()
	w := newSCIMWorld(t, store.ProvisioningExternal)
	other, _ := w.world.tenant("globex")
	stranger := w.account(other.ID, "eve", "standard", "active")
	if _, err := w.ops.SCIMSaveUser(w.ctx, w.provider, stranger.AccountID, store.SCIMUser{Login: "eve", Email: "eve@example.test"}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another tenant's person: %v", err)
	}
	if err := w.ops.SCIMDeleteUser(w.ctx, w.provider, stranger.AccountID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another tenant's person deleted: %v", err)
	}
	if _, err := w.ops.SCIMCreateGroup(w.ctx, w.provider, store.SCIMGroup{Name: "X", Members: []int64{stranger.AccountID}}); !errors.Is(err, store.ErrUnknownAccount) {
		t.Fatalf("another tenant's person as a member: %v", err)
	}
}
