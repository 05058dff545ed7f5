package store

import (
	"context"
	"fmt"
)

// The provisioning modes of a tenant.
const (
	ProvisioningConsole  = "console"  // people are made in the console, the API and by sign-up
	ProvisioningExternal = "external" // an identity provider keeps them in sync over SCIM
)

// Provisioning is how a tenant gets its people.
type Provisioning struct {
	Mode string // ProvisioningConsole or ProvisioningExternal
	// DeleteRemoves: the provider's DELETE removes the person; otherwise it
	// deactivates them, keeping them readable (the default).
	DeleteRemoves bool
}

// The choices of what the provider's DELETE does, as forms and the API name them.
const (
	SCIMDeleteDeactivate = "deactivate"
	SCIMDeleteRemove     = "delete"
)

// ParseProvisioning reads a mode and a DELETE choice as the front doors
// receive them; modeOK and deleteOK say whether each is one of the choices.
func ParseProvisioning(mode, del string) (p Provisioning, modeOK, deleteOK bool) {
	p = Provisioning{Mode: mode, DeleteRemoves: del == SCIMDeleteRemove}
	return p, mode == ProvisioningConsole || mode == ProvisioningExternal, del == SCIMDeleteDeactivate || del == SCIMDeleteRemove
}

// DeleteChoice names what the provider's DELETE does.
func (p Provisioning) DeleteChoice() string {
	if p.DeleteRemoves {
		return SCIMDeleteRemove
	}
	return SCIMDeleteDeactivate
}

// Provisioning reads a tenant's provisioning mode.
func (s *Store) Provisioning(ctx context.Context, tenantID int64) (Provisioning, error) {
	var p Provisioning
	err := s.queryRow(ctx, `SELECT provisioning, scim_delete FROM tenants WHERE id = ?`, tenantID).Scan(&p.Mode, &p.DeleteRemoves)
	if err != nil {
		return p, fmt.Errorf("store: provisioning: %w", notFound(err))
	}
	return p, nil
}

// SetProvisioning changes a tenant's provisioning mode, audited before and
// after. Switching back to console keeps everyone and unlocks them; what the
// provider managed is marked still, so switching to external again locks it.
func (s *Store) SetProvisioning(ctx context.Context, by Actor, p Provisioning) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var before Provisioning
		if err := tx.queryRow(ctx, `SELECT provisioning, scim_delete FROM tenants WHERE id = ?`, by.TenantID).
			Scan(&before.Mode, &before.DeleteRemoves); err != nil {
			return fmt.Errorf("store: provisioning: %w", notFound(err))
		}
		if before == p {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE tenants SET provisioning = ?, scim_delete = ? WHERE id = ?`,
			p.Mode, p.DeleteRemoves, by.TenantID); err != nil {
			return fmt.Errorf("store: provisioning: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionTenantProvisioning,
			TargetType: "tenant", TargetID: by.TenantID, Details: map[string]any{
				"before": map[string]any{"mode": before.Mode, "delete_removes": before.DeleteRemoves},
				"after":  map[string]any{"mode": p.Mode, "delete_removes": p.DeleteRemoves}}})
	})
}
