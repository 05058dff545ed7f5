package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Actor is who makes a change, and from where; it travels into audit events.
type Actor struct {
	TenantID  int64
	AccountID int64
	IP        string
	Guard     Guard // decides inside the transaction; see guard.go
	// Provider: the change comes from the tenant's identity provider over
	// SCIM, which the lock on what it manages does not hold back.
	Provider bool
}

// Event is one audit record. Targets are kept by id so a rename shows everywhere.
type Event struct {
	ID         int64
	TenantID   int64
	At         time.Time
	ActorID    int64
	IP         string
	Action     Action
	TargetType string
	TargetID   int64
	Details    map[string]any
}

// Audit writes an event outside any other change (a sign-in attempt, say).
func (s *Store) Audit(ctx context.Context, e Event) error {
	return s.tx(ctx, func(tx *Tx) error { return tx.audit(ctx, e) })
}

// apiKeyCtx carries the API key a request authenticated with.
type apiKeyCtx struct{}

// WithAPIKey marks every audit event written under ctx as made through this
// API key: the means travels with the request, so each store method records
// it without one more parameter on every call.
func WithAPIKey(ctx context.Context, keyID int64) context.Context {
	return context.WithValue(ctx, apiKeyCtx{}, keyID)
}

// scimTokenCtx carries the SCIM token a request authenticated with.
type scimTokenCtx struct{}

// WithSCIMToken marks every audit event written under ctx as made by the
// tenant's identity provider through this SCIM token.
func WithSCIMToken(ctx context.Context, tokenID int64) context.Context {
	return context.WithValue(ctx, scimTokenCtx{}, tokenID)
}

// jobItemCtx carries the job item a change is made for.
type jobItemCtx struct{ JobItem }

// WithJobItem marks the change made under ctx as job item it (as claimed by
// ClaimJobItems): its audit events name the job, and the transaction that
// writes them settles the item as done, so a worker that dies after the
// commit never does it again. When the item is no longer it's claim's (the
// lease ran out and another worker took it, or the job was cancelled) the
// change is refused with ErrClaimLost and rolled back.
func WithJobItem(ctx context.Context, it JobItem) context.Context {
	return context.WithValue(ctx, jobItemCtx{}, jobItemCtx{it})
}

func (tx *Tx) audit(ctx context.Context, e Event) error {
	if d, dry := rehearsal(ctx); dry {
		*d.changed = true
	}
	if it, ok := ctx.Value(jobItemCtx{}).(jobItemCtx); ok {
		if e.Details == nil {
			e.Details = map[string]any{}
		}
		e.Details["job_id"] = it.JobID
		res, err := tx.exec(ctx, `UPDATE job_items SET outcome = 'done', reason = '' WHERE job_id = ? AND seq = ? AND outcome IN ('', 'done') AND claim = ?`,
			it.JobID, it.Seq, it.Claim) // done already by this claim: an earlier event of the same change
		if err != nil {
			return fmt.Errorf("store: audit: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return ErrClaimLost // claimed again by another worker, or cancelled
		}
	}
	for key, name := range map[any]string{apiKeyCtx{}: "api_key_id", scimTokenCtx{}: "scim_token_id"} {
		if id, ok := ctx.Value(key).(int64); ok {
			if e.Details == nil {
				e.Details = map[string]any{}
			}
			e.Details[name] = id
		}
	}
	if pol, ok := ctx.Value(policyCtx{}).(string); ok {
		if e.Details == nil {
			e.Details = map[string]any{}
		}
		e.Details["policy"] = pol // a policy's change, not a person's (dormancy.go)
	}
	details, err := json.Marshal(e.Details)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	if e.Details == nil {
		details = []byte("{}")
	}
	// The actor's home tenant is recorded beside the tenant acted in: a
	// service provider's user acting in a customer is told apart.
	_, err = tx.exec(ctx, `INSERT INTO audit_events (tenant_id, at, actor_id, actor_tenant_id, ip, action, target_type, target_id, details)
		VALUES (?, ?, ?, (SELECT tenant_id FROM accounts WHERE id = ?), ?, ?, ?, ?, ?)`,
		nullID(e.TenantID), tx.s.unix(), nullID(e.ActorID), nullID(e.ActorID), e.IP, string(e.Action), e.TargetType, nullID(e.TargetID), string(details))
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// SCIMTokenID is the SCIM token the event was made through, if any: the
// tenant's identity provider acted.
func (e Event) SCIMTokenID() (int64, bool) {
	switch v := e.Details["scim_token_id"].(type) {
	case float64:
		return int64(v), true
	case int64:
		return v, true
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	}
	return 0, false
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// AuditCount counts events of one action in every tenant, for tests and health checks.
func (s *Store) AuditCount(ctx context.Context, action Action) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE action = ?`, string(action)).Scan(&n)
	return n, err
}
