package report

import (
	"context"
	"encoding/json"
	"io"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/auditlog"
)

// auditChunk is how many events an export reads at a time: each chunk's
// names are resolved at once, so memory stays bounded and the statements
// grow with the events by three per chunk, never one per event.
const auditChunk = 500

// Audit writes the audit events matching f, newest first: time in the
// reader's zone, actor, action, target by its current name, IP, details
// (before and after, as JSON) and the sentence the log shows.
func Audit(ctx context.Context, st *store.Store, w io.Writer, format Format, tenantID int64, f store.AuditFilter, o Options) error {
	ctx = o.context(ctx)
	t := func(k string) string { return i18n.T(ctx, k) }
	sh, err := newSheet(format, w, t("rep_audit_sheet"), []column{
		{t("rep_col_time"), 24, true}, {t("rep_col_actor"), 22, false}, {t("rep_col_actor_email"), 28, false}, {t("rep_col_action"), 30, false},
		{t("rep_col_target_type"), 14, false}, {t("rep_col_target"), 26, false}, {t("rep_col_ip"), 16, false}, {t("rep_col_details"), 80, false},
		{t("audit_col_sentence"), 60, false},
	})
	if err != nil {
		return err
	}
	tokens, err := st.SCIMTokens(ctx, tenantID)
	if err != nil {
		return err
	}
	rd := auditlog.Reader{Ctx: ctx, TenantID: tenantID, Tokens: map[int64]string{}}
	provider := map[int64]string{}
	for _, k := range tokens {
		rd.Tokens[k.ID] = k.Name
		provider[k.ID] = i18n.T(ctx, "audit_actor_provider", map[string]any{"Name": k.Name})
	}
	cells := make([]string, 9)
	f.BeforeID, f.AfterID, f.Limit = 0, 0, auditChunk
	for {
		entries, err := st.AuditEntries(ctx, tenantID, f)
		if err != nil {
			return err
		}
		if rd.Names, err = auditlog.Names(ctx, st, tenantID, entries); err != nil {
			return err
		}
		for i := range entries {
			e := &entries[i]
			cells[0], cells[1], cells[2] = stamp(ctx, e.At), e.ActorName, e.ActorEmail
			if e.ActorID == 0 {
				cells[1] = t("audit_system")
				if id, ok := e.SCIMTokenID(); ok && provider[id] != "" {
					cells[1] = provider[id] // the tenant's identity provider, through this token
				}
			}
			cells[3], cells[4], cells[5] = i18n.ActionLabel(ctx, string(e.Action)), i18n.TargetTypeLabel(ctx, e.TargetType),
				auditlog.TargetName(rd, &e.Event, e.TargetName, e.TargetKey)
			cells[6] = e.IP
			b, _ := json.Marshal(e.Details)
			cells[7] = string(b)
			cells[8] = rd.Sentence(&e.Event, cells[5])
			if err := sh.row(cells); err != nil {
				return err
			}
		}
		if len(entries) < auditChunk {
			break
		}
		f.BeforeID = entries[len(entries)-1].ID
	}
	return sh.close()
}
