package ops

import (
	"context"
	"html"
	"strings"
	"time"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// policyMail is an email of the sweeper in lang: a subject and paragraphs,
// as plain text and the same as HTML.
func policyMail(tenantID int64, kind, to, subject string, lines ...string) store.Mail {
	var h strings.Builder
	for _, l := range lines {
		h.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
	}
	return store.Mail{TenantID: tenantID, Kind: kind, To: to, Subject: subject,
		Text: strings.Join(lines, "\n\n") + "\n", HTML: h.String()}
}

// inLang is ctx translating into lang ("browser" and unknown: English).
func inLang(ctx context.Context, lang string) context.Context {
	if lang != "fr" {
		lang = "en"
	}
	return i18n.With(ctx, lang, time.UTC)
}

// dormancyMail warns d that the policy will deactivate their account.
func dormancyMail(ctx context.Context, t store.Tenant, d store.Dormant, pol store.Policy) store.Mail {
	ctx = inLang(ctx, d.Lang)
	data := map[string]any{"Tenant": t.Name, "Name": d.Name, "Days": pol.WarnDays,
		"Left": pol.DeactivateDays - pol.WarnDays}
	return policyMail(t.ID, "dormancy", d.Email, i18n.T(ctx, "dormancy_mail_subject", data),
		i18n.T(ctx, "dormancy_mail_hello", data), i18n.T(ctx, "dormancy_mail_body", data),
		i18n.T(ctx, "dormancy_mail_keep", data))
}

// remind sends the reminders of the expiries coming within the tenant's
// notice, each once, to the person and the tenant's Administrators.
func (o *Ops) remind(ctx context.Context, t store.Tenant, now time.Time, out *Swept) error {
	pol, err := o.st.Policy(ctx, t.ID)
	if err != nil || pol.NoticeDays == 0 {
		return err
	}
	var admins []store.Account
	for _, kind := range store.ReminderKinds {
		due, err := o.st.Reminders(ctx, t.ID, kind, now, now.Add(time.Duration(pol.NoticeDays)*day))
		if err != nil {
			return err
		}
		if len(due) > 0 && admins == nil {
			if admins, err = o.st.RegistrationRecipients(ctx, t.ID, store.NotifyAdmins); err != nil {
				return err
			}
		}
		for _, r := range due {
			a, err := o.st.Account(ctx, t.ID, r.AccountID)
			if err != nil {
				return err
			}
			to := []store.Account{a}
			for _, ad := range admins {
				if ad.ID != a.ID {
					to = append(to, ad)
				}
			}
			var mails []store.Mail
			for _, rc := range to {
				if rc.Email != "" {
					mails = append(mails, reminderMail(ctx, t, r, a, rc))
				}
			}
			sent, err := o.st.Reminded(ctx, t.ID, r, mails)
			if err != nil {
				return err
			}
			if sent {
				out.Reminded++
			}
		}
	}
	return nil
}

// reminderMail tells rc that r (of account a) ends soon.
func reminderMail(ctx context.Context, t store.Tenant, r store.Reminder, a, rc store.Account) store.Mail {
	ctx = inLang(ctx, rc.Language)
	data := map[string]any{"Tenant": t.Name, "Who": strings.TrimSpace(a.FirstName + " " + a.LastName), "What": r.What,
		"When": r.ExpiresAt.Format(time.DateOnly)}
	return policyMail(t.ID, "expiry", rc.Email, i18n.T(ctx, "expiry_mail_subject", data),
		i18n.T(ctx, "expiry_mail_"+r.Kind, data), i18n.T(ctx, "expiry_mail_after", data))
}
