// Package mail delivers the outbox: a worker takes queued emails from the
// store and sends them over SMTP with retries and backoff.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/console-dev/console/store"
)

// Sender delivers one email.
type Sender interface {
	Send(ctx context.Context, m store.Mail) error
}

// SMTP sends through one SMTP server, configured by a URL:
//
//	smtp://user:pass@host:587   STARTTLS when offered (required with credentials)
//	smtps://user:pass@host:465  TLS from the first byte
//	smtp://host:25?tls=none     plain, for a relay on a trusted network
type SMTP struct {
	client *gomail.Client
	from   string
}

// NewSMTP checks the URL and sender address and prepares the client.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, errors.New("mail: CONSOLE_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465")
	}
	if from == "" {
		return nil, errors.New("mail: CONSOLE_MAIL_FROM is required with CONSOLE_SMTP_URL")
	}
	if _, err := mailAddress(from); err != nil {
		return nil, fmt.Errorf("mail: CONSOLE_MAIL_FROM: %w", err)
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 587
	switch {
	case u.Scheme == "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	case u.Query().Get("tls") == "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case u.User != nil:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, errors.New("mail: CONSOLE_SMTP_URL has a bad port")
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	return &SMTP{client: c, from: from}, nil
}

func mailAddress(s string) (*gomail.Msg, error) {
	m := gomail.NewMsg()
	return m, m.From(s)
}

// Send delivers one email as plain text with an HTML alternative.
func (s *SMTP) Send(ctx context.Context, m store.Mail) error {
	msg, err := mailAddress(s.from)
	if err != nil {
		return err
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("recipient: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(fmt.Sprintf("console.%d.%d@%s", m.TenantID, m.ID, "outbox"))
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return s.client.DialAndSendWithContext(ctx, msg)
}
