package ops

import (
	"context"
	"errors"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// The refusals of password and link actions.
var (
	errTempSelf = refuse(Forbidden, "err_temp_password_self")
	errSSO      = refuse(Conflict, "err_sso_no_password")
	errSelfLink = refuse(Conflict, "err_self_link")
	errStatus   = refuse(Conflict, "err_status_changed")
	// errTempNotActive: a pending person activates through their link (sent
	// again with Resend), a deactivated one must be activated first.
	errTempNotActive = refuse(Conflict, "err_temp_password_not_active")
)

// SetTemporaryPassword sets a password the administrator chose; the person
// must replace it at their next sign-in, and every session they had ends.
func (o *Ops) SetTemporaryPassword(ctx context.Context, p Principal, id int64, pw string) error {
	a, err := o.st.Account(ctx, p.TenantID, id)
	switch {
	case err != nil:
		return err
	case a.ID == p.AccountID:
		return errTempSelf
	case a.AuthMethod != "password" || a.Kind != "user":
		return errSSO
	case a.Status != "active":
		return errTempNotActive
	}
	if msg := form.PasswordError(ctx, pw); msg != "" {
		return invalid(map[string]string{"temp_password": msg})
	}
	hash, err := o.hasher.Hash(ctx, pw)
	if err != nil {
		return err
	}
	err = o.st.SetTemporaryPassword(ctx, p.by(auth.UsersManage, true), a.ID, hash)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errSSO // became SSO or vanished since it was loaded
	case errors.Is(err, store.ErrNotActive):
		return errTempNotActive // deactivated (or un-activated) while the password was hashed
	}
	return err
}

// linkTarget loads a person a link action is for: a password account in
// status, not the actor.
func (o *Ops) linkTarget(ctx context.Context, p Principal, id int64, status string) (store.Account, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	switch {
	case err != nil:
		return a, err
	case a.AuthMethod != "password" || a.Kind != "user":
		return a, errSSO
	case a.Status != status:
		return a, errStatus
	case a.ID == p.AccountID:
		return a, errSelfLink
	}
	return a, nil
}

// ResendLink mails a pending person a new invitation or activation link; the
// previous one stops working.
func (o *Ops) ResendLink(ctx context.Context, p Principal, id int64) error {
	return o.sendLink(ctx, p, id, "pending", "invite", store.ActionUserInvitationResend)
}

// SendReset mails an active person a link to choose a new password; the
// administrator never sees or chooses it.
func (o *Ops) SendReset(ctx context.Context, p Principal, id int64) error {
	return o.sendLink(ctx, p, id, "active", "reset", store.ActionUserPasswordResetSent)
}

func (o *Ops) sendLink(ctx context.Context, p Principal, id int64, status, purpose string, action store.Action) error {
	a, err := o.linkTarget(ctx, p, id, status)
	if err != nil {
		return err
	}
	addr := strings.ToLower(a.Email)
	if o.mailTo != nil {
		if blocked, _ := o.mailTo.Blocked(addr); blocked {
			return refuse(Throttled, "err_mail_throttled_short")
		}
	}
	link, err := o.links.Link(ctx, p, a, purpose)
	if err != nil {
		return err
	}
	if err := o.st.SendLink(ctx, p.by(auth.UsersManage, true), a.ID, link, action); err != nil {
		return err
	}
	if o.mailTo != nil && !store.InDryRun(ctx) {
		o.mailTo.Fail(addr)
	}
	o.links.Queued()
	return nil
}

// DeletePending deletes a person who never started; everyone else is
// deactivated, never deleted.
func (o *Ops) DeletePending(ctx context.Context, p Principal, id int64) (store.Account, error) {
	a, err := o.linkTarget(ctx, p, id, "pending")
	if err != nil {
		return a, err
	}
	return a, lockRefused(o.st.DeletePending(ctx, p.by(auth.UsersManage, true), a.ID))
}
