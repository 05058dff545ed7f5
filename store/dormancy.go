package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Dormancy bounds, in days.
const (
	MinDormancyDays = 1
	MaxDormancyDays = 3650
	MaxNoticeDays   = 90 // expiry reminders: 0 (none) to MaxNoticeDays days before
)

// Policy is a tenant's dormancy policy and its expiry reminders.
type Policy struct {
	On             bool
	WarnDays       int  // warn by email after this many days without activity
	DeactivateDays int  // deactivate after this many (more than WarnDays)
	ExemptAdmins   bool // Admins are never warned nor deactivated
	ExemptServices bool // nor service accounts
	// ManagedDeactivate: people the identity provider manages are
	// deactivated too; otherwise they are only reported.
	ManagedDeactivate bool
	NoticeDays        int // expiry reminders go this many days before; 0: none
}

const policyQuery = `SELECT dormancy_on, dormancy_warn_days, dormancy_deactivate_days, dormancy_exempt_admins,
	dormancy_exempt_services, dormancy_managed_deactivate, expiry_notice_days FROM tenants WHERE id = ?`

func scanPolicy(r scanner, p *Policy) error {
	return r.Scan(&p.On, &p.WarnDays, &p.DeactivateDays, &p.ExemptAdmins, &p.ExemptServices, &p.ManagedDeactivate, &p.NoticeDays)
}

// Policy reads a tenant's dormancy policy.
func (s *Store) Policy(ctx context.Context, tenantID int64) (Policy, error) {
	var p Policy
	if err := scanPolicy(s.queryRow(ctx, policyQuery, tenantID), &p); err != nil {
		return p, fmt.Errorf("store: policy: %w", notFound(err))
	}
	return p, nil
}

func policyMap(p Policy) map[string]any {
	return map[string]any{"on": p.On, "warn_days": p.WarnDays, "deactivate_days": p.DeactivateDays,
		"exempt_admins": p.ExemptAdmins, "exempt_services": p.ExemptServices,
		"managed_deactivate": p.ManagedDeactivate, "reminder_days": p.NoticeDays}
}

// SetPolicy changes the tenant's dormancy policy (checked by the caller),
// with before and after audited; no change, no event.
func (s *Store) SetPolicy(ctx context.Context, by Actor, p Policy) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var before Policy
		if err := scanPolicy(tx.queryRow(ctx, policyQuery, by.TenantID), &before); err != nil {
			return fmt.Errorf("store: policy: %w", notFound(err))
		}
		if before == p {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE tenants SET dormancy_on = ?, dormancy_warn_days = ?, dormancy_deactivate_days = ?,
			dormancy_exempt_admins = ?, dormancy_exempt_services = ?, dormancy_managed_deactivate = ?, expiry_notice_days = ?
			WHERE id = ?`, p.On, p.WarnDays, p.DeactivateDays, p.ExemptAdmins, p.ExemptServices, p.ManagedDeactivate,
			p.NoticeDays, by.TenantID); err != nil {
			return fmt.Errorf("store: set policy: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionDormancyPolicy,
			TargetType: "tenant", TargetID: by.TenantID, Details: map[string]any{"before": policyMap(before), "after": policyMap(p)}})
	})
}

// SetDormancyExempt exempts an account of the tenant from the dormancy
// policy, or ends its exemption, under by's guard, audited.
func (s *Store) SetDormancyExempt(ctx context.Context, by Actor, accountID int64, exempt bool) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			var before bool
			if err := tx.queryRow(ctx, `SELECT dormancy_exempt FROM accounts WHERE tenant_id = ? AND id = ?`,
				by.TenantID, accountID).Scan(&before); err != nil {
				return fmt.Errorf("store: dormancy exempt: %w", notFound(err))
			}
			if before == exempt {
				return nil
			}
			if _, err := tx.exec(ctx, `UPDATE accounts SET dormancy_exempt = ? WHERE tenant_id = ? AND id = ?`,
				exempt, by.TenantID, accountID); err != nil {
				return fmt.Errorf("store: dormancy exempt: %w", err)
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionDormancyExempt,
				TargetType: "account", TargetID: accountID,
				Details: map[string]any{"before": map[string]any{"exempt": before}, "after": map[string]any{"exempt": exempt}}})
		})
	})
}

type policyCtx struct{}

type inactiveCtx struct{}

// ErrActiveAgain refuses a change made under IfInactiveSince to someone
// active (or created) after its time.
var ErrActiveAgain = errors.New("store: active again")

// IfInactiveSince makes a status change under ctx hold only for someone
// inactive since t, judged inside its transaction: who signs in between
// the sweeper's plan and its deactivation is not deactivated.
func IfInactiveSince(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, inactiveCtx{}, t)
}

// activeAgain reports whether a was active or created after ctx's
// IfInactiveSince time.
func activeAgain(ctx context.Context, a Account) bool {
	t, ok := ctx.Value(inactiveCtx{}).(time.Time)
	return ok && (a.LastActiveAt.After(t) || a.CreatedAt.After(t))
}

// ByPolicy marks the changes made under ctx as the named policy's (the
// sweeper's): their audit events say so in their details.
func ByPolicy(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, policyCtx{}, name)
}
