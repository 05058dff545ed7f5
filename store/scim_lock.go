package store

import (
	"context"
	"errors"
	"fmt"
)

// The lock of external provisioning: while a tenant's provisioning mode is
// external, the people and groups its identity provider created or claimed
// are the provider's. The console and the API may not create people there,
// nor edit, deactivate or delete what the provider manages; roles, projects,
// keys and passwords stay theirs. Every check runs in the writing
// transaction.
var (
	// ErrManaged refuses a change to a person or group the provider manages.
	ErrManaged = errors.New("store: managed by the identity provider")
	// ErrExternal refuses creating a person in a tenant the provider fills.
	ErrExternal = errors.New("store: people come from the identity provider")
)

// external reports whether the tenant is in external provisioning mode.
func (tx *Tx) external(ctx context.Context, tenantID int64) (bool, error) {
	var mode string
	if err := tx.queryRow(ctx, `SELECT provisioning FROM tenants WHERE id = ?`, tenantID).Scan(&mode); err != nil {
		return false, fmt.Errorf("store: provisioning: %w", notFound(err))
	}
	return mode == ProvisioningExternal, nil
}

// locked refuses by's change to a row the provider manages (managed is the
// row's scim_managed flag) in a tenant in external mode.
func (tx *Tx) locked(ctx context.Context, by Actor, managed bool) error {
	if by.Provider || !managed {
		return nil
	}
	ext, err := tx.external(ctx, by.TenantID)
	if err != nil {
		return err
	}
	if ext {
		return ErrManaged
	}
	return nil
}

// lockedGroup is locked for group id of by's tenant.
func (tx *Tx) lockedGroup(ctx context.Context, by Actor, id int64) error {
	g, err := tx.group(ctx, by.TenantID, id)
	if err != nil {
		return err
	}
	return tx.locked(ctx, by, g.SCIMManaged)
}

// peopleFromProvider refuses creating a person in a tenant in external mode
// unless the provider creates it.
func (tx *Tx) peopleFromProvider(ctx context.Context, by Actor, kind string) error {
	if by.Provider || kind == "service" {
		return nil
	}
	ext, err := tx.external(ctx, by.TenantID)
	if err != nil {
		return err
	}
	if ext {
		return ErrExternal
	}
	return nil
}
