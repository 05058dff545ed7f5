package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// Mail is one email of the outbox.
type Mail struct {
	ID            int64
	TenantID      int64
	Kind          string // invitation, activation, reset, verify, exists, registration, contact, ...
	To            string
	Subject       string
	Text          string
	HTML          string
	Status        string // queued, sent, failed
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time
}

func (tx *Tx) enqueue(ctx context.Context, m Mail) error {
	now := tx.s.unix()
	if _, err := tx.exec(ctx, `INSERT INTO outbox (tenant_id, kind, to_addr, subject, text_body, html_body, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.TenantID, m.Kind, m.To, m.Subject, m.Text, m.HTML, now, now); err != nil {
		return fmt.Errorf("store: enqueue mail: %w", err)
	}
	return nil
}

// Enqueue queues emails that no other change goes with (a notice to
// administrators, a reset link), with an optional audit event, in one transaction.
func (s *Store) Enqueue(ctx context.Context, e *Event, mails ...Mail) error {
	return s.tx(ctx, func(tx *Tx) error {
		for _, m := range mails {
			if err := tx.enqueue(ctx, m); err != nil {
				return err
			}
		}
		if e == nil {
			return nil
		}
		return tx.audit(ctx, *e)
	})
}

const mailColumns = `id, tenant_id, kind, to_addr, subject, text_body, html_body, status, attempts, next_attempt_at,
	last_error, created_at, sent_at`

func scanMail(r scanner, m *Mail) error {
	var next, created, sent int64
	if err := r.Scan(&m.ID, &m.TenantID, &m.Kind, &m.To, &m.Subject, &m.Text, &m.HTML, &m.Status, &m.Attempts,
		&next, &m.LastError, &created, &sent); err != nil {
		return err
	}
	m.NextAttemptAt, m.CreatedAt = time.Unix(next, 0).UTC(), time.Unix(created, 0).UTC()
	if sent > 0 {
		m.SentAt = time.Unix(sent, 0).UTC()
	}
	return nil
}

func (s *Store) mails(ctx context.Context, q string, args ...any) ([]Mail, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		if err := scanMail(rows, &m); err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MailMessage returns one email of the tenant.
func (s *Store) MailMessage(ctx context.Context, tenantID, id int64) (Mail, error) {
	var m Mail
	if err := scanMail(s.queryRow(ctx, `SELECT `+mailColumns+` FROM outbox WHERE tenant_id = ? AND id = ?`, tenantID, id), &m); err != nil {
		return m, fmt.Errorf("store: mail: %w", notFound(err))
	}
	return m, nil
}

// ClaimMail takes up to limit queued emails whose next attempt has come,
// oldest first, for lease: their next attempt moves to now+lease, so no
// other worker (in this process or another) takes them meanwhile, and an
// email whose sender died before recording the outcome comes due again once
// the lease has passed. On PostgreSQL the rows another claim is taking at
// the same moment are skipped (FOR UPDATE SKIP LOCKED: without it both
// claims would pick the same rows and both update them); on SQLite the one
// writer runs claims one after the other.
func (s *Store) ClaimMail(ctx context.Context, limit int, lease time.Duration) ([]Mail, error) {
	now := s.now()
	q := `UPDATE outbox SET next_attempt_at = ? WHERE id IN (SELECT id FROM outbox
		WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`
	if s.pg {
		q += ` FOR UPDATE SKIP LOCKED`
	}
	q += `) RETURNING ` + mailColumns
	rows, err := s.writeRows(ctx, q, now.Add(lease).Unix(), now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: claim mail: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		if err := scanMail(rows, &m); err != nil {
			return nil, fmt.Errorf("store: claim mail: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claim mail: %w", err)
	}
	// RETURNING keeps no order: send the oldest first, as queued.
	slices.SortFunc(out, func(a, b Mail) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// MailSent records a delivery.
func (s *Store) MailSent(ctx context.Context, id int64) error {
	_, err := s.exec(ctx, `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = '' WHERE id = ?`,
		s.unix(), id)
	if err != nil {
		return fmt.Errorf("store: mail sent: %w", err)
	}
	return nil
}

// MailAttemptFailed records a failed attempt: retried at retryAt, or failed
// for good when retryAt is zero.
func (s *Store) MailAttemptFailed(ctx context.Context, id int64, reason string, retryAt time.Time) error {
	status, next := "queued", retryAt.Unix()
	if retryAt.IsZero() {
		status, next = "failed", s.unix()
	}
	_, err := s.exec(ctx, `UPDATE outbox SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?`,
		status, next, reason, id)
	if err != nil {
		return fmt.Errorf("store: mail failed: %w", err)
	}
	return nil
}
