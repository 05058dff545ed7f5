package store

import (
	"context"
	"strings"
)

// MailFilter narrows the Mail page: To is part of the recipient's address,
// Kinds the kinds of email (any when empty), Status queued, sent or failed
// (any when "").
type MailFilter struct {
	To     string
	Kinds  []string
	Status string
}

// Outbox pages a tenant's emails newest first, those with an id below beforeID
// (0: from the newest).
func (s *Store) Outbox(ctx context.Context, tenantID, beforeID int64, limit int) ([]Mail, error) {
	return s.OutboxFiltered(ctx, tenantID, MailFilter{}, beforeID, limit)
}

// OutboxFiltered pages the tenant's emails that pass f, newest first. Kind and
// status have indexes; the recipient is matched anywhere in the address, so
// a rare one reads the tenant's outbox back to its oldest email.
func (s *Store) OutboxFiltered(ctx context.Context, tenantID int64, f MailFilter, beforeID int64, limit int) ([]Mail, error) {
	if beforeID <= 0 {
		beforeID = 1<<63 - 1
	}
	q, args := `SELECT `+mailColumns+` FROM outbox WHERE tenant_id = ? AND id < ?`, []any{tenantID, beforeID}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, f.Status)
	}
	if len(f.Kinds) > 0 {
		q += ` AND kind IN (` + placeholders(len(f.Kinds)) + `)`
		for _, k := range f.Kinds {
			args = append(args, k)
		}
	}
	if to := strings.ToLower(strings.TrimSpace(f.To)); to != "" {
		q += ` AND LOWER(to_addr) LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(to)+"%")
	}
	return s.mails(ctx, q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
}
