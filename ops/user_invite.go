package ops

import (
	"context"
	"errors"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// Invite creates a pending person with roles and groups and mails them an
// invitation to choose a password; contact, when set, is their contact email.
// Roles and the groups' roles must be the actor's to give.
func (o *Ops) Invite(ctx context.Context, p Principal, f form.User, groupIDs []int64, contact string) (store.Account, error) {
	f.AuthMethod, f.Status, f.Password, f.Activation = "password", "active", "", true
	f.Normalize()
	errs := f.Validate(ctx, true)
	delete(errs, "login") // derived from the email, whose own message says what is wrong
	if err := invalid(errs); err != nil {
		return store.Account{}, err
	}
	roles, err := IDs(ctx, "role_ids", f.RoleIDs)
	if err != nil {
		return store.Account{}, err
	}
	groups, err := IDs(ctx, "group_ids", groupIDs)
	if err != nil {
		return store.Account{}, err
	}
	if err := o.mayGive(ctx, p, roles, groups); err != nil {
		return store.Account{}, err
	}
	n, err := o.invitation(ctx, p, f)
	if err != nil {
		return store.Account{}, err
	}
	n.RoleIDs, n.GroupIDs = roles, groups
	by := p.by(auth.UsersManage, true)
	a, err := o.st.CreateAccount(ctx, by, n)
	var conflict *store.Conflict
	if errors.As(err, &conflict) && conflict.Field == "login" {
		n.Login = suffixed(n.Login)
		a, err = o.st.CreateAccount(ctx, by, n)
	}
	if err != nil {
		return a, lockRefused(grantRefused(ctx, err, f.UserType))
	}
	o.links.Queued()
	return o.SetContactEmail(ctx, p, a.ID, contact)
}

// invitation is the pending account of an invited person (f validated) and
// the link mailed with its creation, in the same transaction.
func (o *Ops) invitation(ctx context.Context, p Principal, f form.User) (store.NewAccount, error) {
	n := store.NewAccount{Profile: store.Profile{FirstName: f.FirstName, LastName: f.LastName, Email: f.Email,
		Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType},
		Login: f.Login, Status: "pending", AuthMethod: "password", Origin: "invitation"}
	link, err := o.links.Link(ctx, p, store.Account{TenantID: p.TenantID, FirstName: f.FirstName, LastName: f.LastName,
		Email: f.Email, Language: f.Language, Origin: "invitation"}, "invite")
	if err != nil {
		return n, err
	}
	n.Link = &link
	return n, nil
}

// suffixed makes another login from one that is taken.
func suffixed(login string) string {
	token, _ := auth.NewLinkToken()
	return login[:min(len(login), 56)] + "-" + strings.ToLower(token[:6])
}
