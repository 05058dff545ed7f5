package web

import (
	"context"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// provEnv is the env's tenant in external provisioning with a token of its
// identity provider (as Entra ID would hold) and the provider's principal.
type provEnv struct {
	*testEnv
	token    store.SCIMToken
	secret   string
	provider ops.Principal
}

func (e *testEnv) adminPrincipal() ops.Principal {
	return ops.Principal{TenantID: e.tenant.ID, HomeTenantID: e.tenant.ID, AccountID: e.admin.ID, IP: "192.0.2.1"}
}

func newProvEnv(e *testEnv) *provEnv {
	e.t.Helper()
	ctx := context.Background()
	e.setMode(store.ProvisioningExternal)
	secret, tok, err := e.h.ops.CreateSCIMToken(ctx, e.adminPrincipal(), "Entra ID")
	if err != nil {
		e.t.Fatal(err)
	}
	return &provEnv{testEnv: e, token: tok, secret: secret, provider: ops.Provider(e.tenant.ID, tok.ID, "203.0.113.9")}
}

func (e *testEnv) setMode(mode string) {
	e.t.Helper()
	if err := e.h.ops.SetProvisioning(context.Background(), e.adminPrincipal(), store.Provisioning{Mode: mode}); err != nil {
		e.t.Fatal(err)
	}
}

// scimUser is a person the provider creates, as a SCIM POST /Users would.
func (e *provEnv) scimUser(login, first string) store.Account {
	e.t.Helper()
	ctx := store.WithSCIMToken(context.Background(), e.token.ID)
	a, err := e.h.ops.SCIMCreateUser(ctx, e.provider, store.SCIMUser{Login: login, FirstName: first, LastName: "Smith",
		Email: login + "@acme.test", ExternalID: "ext-" + login, Active: true})
	if err != nil {
		e.t.Fatalf("provider creates %s: %v", login, err)
	}
	// Roles stay the console's: a Member shows in the users table.
	if err := e.h.ops.SetRoles(context.Background(), e.adminPrincipal(), a.ID, []int64{e.roles["member"]}); err != nil {
		e.t.Fatalf("roles of %s: %v", login, err)
	}
	return a
}

// scimGroup is a group the provider creates with members.
func (e *provEnv) scimGroup(name string, members ...int64) store.Group {
	e.t.Helper()
	ctx := store.WithSCIMToken(context.Background(), e.token.ID)
	g, err := e.h.ops.SCIMCreateGroup(ctx, e.provider, store.SCIMGroup{Name: name, ExternalID: "ext-" + name, Members: members})
	if err != nil {
		e.t.Fatalf("provider creates group %s: %v", name, err)
	}
	return g
}
