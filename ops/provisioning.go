package ops

import (
	"context"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// SetProvisioning switches the tenant between console and external
// provisioning, and chooses what the provider's DELETE does. Switching back
// to console keeps everyone and unlocks them.
func (o *Ops) SetProvisioning(ctx context.Context, p Principal, pr store.Provisioning) error {
	if pr.Mode != store.ProvisioningConsole && pr.Mode != store.ProvisioningExternal {
		return fieldError(ctx, "provisioning", "err_choice")
	}
	return o.st.SetProvisioning(ctx, p.by(auth.TenantSettings, false), pr)
}

// CreateSCIMToken makes a bearer token for the tenant's identity provider,
// returned once in full. The provider acts for everyone it provisions,
// Admins included, so only an Admin of the tenant (through no key ceiling)
// makes one; the name says which provider it is for.
func (o *Ops) CreateSCIMToken(ctx context.Context, p Principal, name string) (string, store.SCIMToken, error) {
	name = strings.TrimSpace(name)
	errs := map[string]string{}
	form.Text(ctx, errs, "name", name, true, 100)
	if err := invalid(errs); err != nil {
		return "", store.SCIMToken{}, err
	}
	token, publicID, hash := auth.NewSCIMToken()
	by := p.by(auth.TenantSettings, false)
	if g, ok := by.Guard.(*guard); ok {
		by.Guard = &adminGuard{g}
	}
	t, err := o.st.CreateSCIMToken(ctx, by, store.NewSCIMToken{PublicID: publicID, SecretHash: hash, Name: name})
	if err != nil {
		return "", t, err
	}
	return token, t, nil
}

// RevokeSCIMToken stops a token at once.
func (o *Ops) RevokeSCIMToken(ctx context.Context, p Principal, id int64) (store.SCIMToken, error) {
	return o.st.RevokeSCIMToken(ctx, p.by(auth.TenantSettings, false), id)
}

// adminGuard is the guard of what only an Admin of the tenant may do.
type adminGuard struct{ *guard }

var errSCIMAdmin = refuse(Forbidden, "scim_err_admin_only")

func (g *adminGuard) Begin(ctx context.Context, v store.View) (bool, error) {
	watch, err := g.guard.Begin(ctx, v)
	if err != nil {
		return watch, err
	}
	if !g.admin || g.home != g.p.TenantID {
		return false, errSCIMAdmin
	}
	return watch, nil
}
