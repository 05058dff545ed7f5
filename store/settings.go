package store

import (
	"context"
	"fmt"
	"slices"
)

// Settings are a tenant's lifecycle settings.
type Settings struct {
	SelfRegistration bool
	InviteDays       int     // how long an invitation link stays valid
	DefaultRoleIDs   []int64 // roles a verified self-registered person gets; none: they wait for an administrator
	// TimeZone and Currency are those of the tenant's people who chose none;
	// "" in an update keeps the saved one.
	TimeZone, Currency string
	// RegistrationNotify is who hears of a self-registration: NotifyAdmins,
	// NotifyManagers or NotifyNone; "" in an update keeps the saved one.
	RegistrationNotify string
}

// Who hears of a self-registration; at most MaxNotified people either way.
const (
	NotifyAdmins   = "admins"   // the tenant's Administrators
	NotifyManagers = "managers" // Administrators, then people who manage users
	NotifyNone     = "none"
	MaxNotified    = 10
)

const settingsQuery = `SELECT self_registration, invite_days, time_zone, currency, registration_notify FROM tenants WHERE id = ?`

func scanSettings(r scanner, st *Settings) error {
	return r.Scan(&st.SelfRegistration, &st.InviteDays, &st.TimeZone, &st.Currency, &st.RegistrationNotify)
}

// Settings reads a tenant's settings.
func (s *Store) Settings(ctx context.Context, tenantID int64) (Settings, error) {
	var st Settings
	if err := scanSettings(s.queryRow(ctx, settingsQuery, tenantID), &st); err != nil {
		return st, fmt.Errorf("store: settings: %w", notFound(err))
	}
	var err error
	st.DefaultRoleIDs, err = ids(s.query(ctx, `SELECT role_id FROM tenant_default_roles WHERE tenant_id = ? ORDER BY role_id`, tenantID))
	if err != nil {
		return st, fmt.Errorf("store: settings: %w", err)
	}
	return st, nil
}

// UpdateSettings changes a tenant's settings, with before and after audited.
func (s *Store) UpdateSettings(ctx context.Context, by Actor, st Settings) error {
	st.DefaultRoleIDs = slices.Compact(slices.Sorted(slices.Values(st.DefaultRoleIDs)))
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		// What was, read in the transaction that changes it (a run again
		// after a lost race reads it again).
		var before Settings
		if err := scanSettings(tx.queryRow(ctx, settingsQuery, by.TenantID), &before); err != nil {
			return fmt.Errorf("store: settings: %w", notFound(err))
		}
		was, err := tx.defaultRoles(ctx, by.TenantID)
		if err != nil {
			return err
		}
		before.DefaultRoleIDs = was
		if err := tx.grantRoles(ctx, by, was, st.DefaultRoleIDs); err != nil {
			return err
		}
		if err := tx.checkRoles(ctx, by.TenantID, st.DefaultRoleIDs); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE tenants SET self_registration = ?, invite_days = ?,
				time_zone = COALESCE(NULLIF(?, ''), time_zone), currency = COALESCE(NULLIF(?, ''), currency),
				registration_notify = COALESCE(NULLIF(?, ''), registration_notify) WHERE id = ?`,
			st.SelfRegistration, st.InviteDays, st.TimeZone, st.Currency, st.RegistrationNotify, by.TenantID); err != nil {
			return fmt.Errorf("store: update settings: %w", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM tenant_default_roles WHERE tenant_id = ?`, by.TenantID); err != nil {
			return fmt.Errorf("store: update settings: %w", err)
		}
		for _, id := range st.DefaultRoleIDs {
			if _, err := tx.exec(ctx, `INSERT INTO tenant_default_roles (tenant_id, role_id) VALUES (?, ?)`, by.TenantID, id); err != nil {
				return fmt.Errorf("store: update settings: %w", err)
			}
		}
		after := st // st stays as asked: a run again must not take this run's values
		if after.TimeZone == "" {
			after.TimeZone = before.TimeZone
		}
		if after.Currency == "" {
			after.Currency = before.Currency
		}
		if after.RegistrationNotify == "" {
			after.RegistrationNotify = before.RegistrationNotify
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionTenantSettings,
			TargetType: "tenant", TargetID: by.TenantID, Details: map[string]any{"before": settingsMap(before), "after": settingsMap(after)}})
	})
}

// defaultRoles are the roles the tenant gives its new people who choose
// none (sign-ups, first SSO sign-ins, the provider's people).
func (tx *Tx) defaultRoles(ctx context.Context, tenantID int64) ([]int64, error) {
	roles, err := ids(tx.query(ctx, `SELECT role_id FROM tenant_default_roles WHERE tenant_id = ? ORDER BY role_id`, tenantID))
	if err != nil {
		return nil, fmt.Errorf("store: default roles: %w", err)
	}
	return roles, nil
}

func settingsMap(s Settings) map[string]any {
	roles := s.DefaultRoleIDs
	if roles == nil {
		roles = []int64{}
	}
	return map[string]any{"self_registration": s.SelfRegistration, "invite_days": s.InviteDays, "default_role_ids": roles,
		"time_zone": s.TimeZone, "currency": s.Currency, "registration_notify": s.RegistrationNotify}
}
