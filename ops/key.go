package ops

import (
	"context"
	"errors"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// keyNeed: one's own keys need only being signed in; anyone else's
// apikeys.manage, and the act-for rule (a key acts with its account's access).
func keyNeed(p Principal, accountID int64) auth.Permission {
	if accountID == p.AccountID {
		return auth.SignedIn
	}
	return auth.APIKeysManage
}

// CreateKey makes a key for an account; the secret is returned this once.
func (o *Ops) CreateKey(ctx context.Context, p Principal, accountID int64, name, expires string) (store.APIKey, string, error) {
	a, err := o.st.AccountIn(ctx, p.TenantID, accountID)
	if err != nil {
		return store.APIKey{}, "", err
	}
	name = strings.TrimSpace(name)
	life, errs := form.Key(ctx, name, expires)
	if err := invalid(errs); err != nil {
		return store.APIKey{}, "", err
	}
	actor, err := o.st.AccountIn(ctx, p.TenantID, p.AccountID)
	if err != nil {
		return store.APIKey{}, "", errForbidden
	}
	perms, err := o.perms(ctx, p, actor)
	if err != nil {
		return store.APIKey{}, "", err
	}
	key, publicID, hash := auth.NewAPIKey()
	// A key made for someone else carries its creator's access as a ceiling
	// (the guard has checked it holds at least the account's access).
	n := store.NewAPIKey{AccountID: a.ID, PublicID: publicID, SecretHash: hash, Name: name, MaxActive: o.MaxKeys,
		Ceiling: auth.KeyCeiling(auth.TypeIn(actor.UserType, actor.TenantID == p.TenantID), perms, a.ID == p.AccountID, p.Ceiling != nil)}
	if life > 0 {
		n.ExpiresAt = o.now().Add(life)
	}
	k, err := o.st.CreateAPIKey(ctx, p.by(keyNeed(p, a.ID), true), n)
	if errors.Is(err, store.ErrTooManyKeys) {
		return k, "", &Error{Kind: Conflict, Key: "api_err_too_many_keys", Data: map[string]any{"Max": o.MaxKeys},
			Fields: map[string]string{"name": i18n.T(ctx, "err_too_many_keys", map[string]any{"Max": o.MaxKeys})}}
	}
	if err != nil {
		return k, "", err
	}
	return k, key, nil
}

// RevokeKey revokes one of an account's keys at once; another account's key
// is not found. Stopping the keys of an account holding more than the actor
// is not the actor's call.
func (o *Ops) RevokeKey(ctx context.Context, p Principal, accountID, keyID int64) (store.APIKey, error) {
	return o.st.RevokeAPIKey(ctx, p.by(keyNeed(p, accountID), true), accountID, keyID)
}
