// Package ops is the rulebook: every state change of Console is one function
// here, taking the acting principal and its input, that decides permission,
// act-for, grants, tenant scope and input validity inside the store
// transaction that writes the change and its audit event. The console, the
// JSON API (and SCIM) only bind input, call an operation and render its
// answer; none of them writes through the store directly.
package ops

import (
	"context"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// Ops runs the operations over one store.
type Ops struct {
	st     *store.Store
	hasher *auth.Hasher
	links  Links
	now    func() time.Time
	// MaxKeys caps an account's active API keys (CONSOLE_MAX_KEYS_PER_ACCOUNT);
	// 0 is no cap.
	MaxKeys int
	// Sealer seals and opens the SSO client secrets (CONSOLE_SECRET_KEY or
	// the key file beside the database).
	Sealer *auth.Sealer
	// SSOAllowHTTP accepts plain http:// issuers (CONSOLE_SSO_ALLOW_HTTP).
	SSOAllowHTTP bool
	// mailTo limits the links mailed to one address (shared with the
	// console's other mail, see LimitMailTo); nil is no limit.
	mailTo *auth.Throttle
	// jobs wakes this process's job worker when a job is queued.
	jobs chan struct{}
	// importRows applies the rows of import jobs (SetImportRows).
	importRows ImportRows
}

// Links makes the one-time links the operations mail (activation,
// invitation, reset); the console supplies it, since it owns the mail's words
// and the base URL.
type Links interface {
	// Link is a one-time link for a (purpose "invite": an invitation or
	// activation, as a.Origin says; "reset": a password reset an
	// administrator sends; "reset_request": one the person asked for;
	// "contact": confirming a.ContactEmail), with its email in a's language.
	// The mail speaks for by's tenant, or for the one MailTenant(ctx) names
	// (a tenant being created, which the store does not hold yet).
	Link(ctx context.Context, by Principal, a store.Account, purpose string) (store.Link, error)
	// Queued wakes the mail worker after a commit that queued email.
	Queued()
}

// New returns the operations over st.
func New(st *store.Store, hasher *auth.Hasher, links Links, now func() time.Time) *Ops {
	if now == nil {
		now = time.Now
	}
	return &Ops{st: st, hasher: hasher, links: links, now: now, jobs: make(chan struct{}, 1)}
}

// LimitMailTo limits the invitation, activation and reset links mailed to
// one address through t, whichever front door or bulk action asks: a refused
// link is a Throttled refusal, and a rehearsal (store.DryRun) counts nothing.
func (o *Ops) LimitMailTo(t *auth.Throttle) { o.mailTo = t }

// Principal is who acts: an account of a tenant, signed in to the console or
// calling with an API key. What it may do is read again inside each
// operation's transaction, so a role taken away a moment ago counts.
type Principal struct {
	TenantID int64 // the tenant acted in
	// HomeTenantID is the account's home tenant: TenantID, or an ancestor of
	// it for a member (a person pushed down, a service provider's user).
	HomeTenantID int64
	AccountID    int64
	IP           string
	KeyID        int64 // the API key it calls with; 0 in the console
	// Ceiling limits a key made by someone else to what its creator held
	// when making it; nil is no ceiling.
	Ceiling []string
	// SCIMTokenID: the tenant's identity provider acts, through this SCIM
	// token; AccountID is then 0 (see Provider).
	SCIMTokenID int64
}

// Provider is the principal of the tenant's identity provider calling over
// SCIM with token tokenID: it acts in its tenant alone, as its Admin would
// on the people and groups it provisions, while the token is live and the
// tenant in external mode (both read again in each transaction).
func Provider(tenantID, tokenID int64, ip string) Principal {
	return Principal{TenantID: tenantID, HomeTenantID: tenantID, IP: ip, SCIMTokenID: tokenID}
}

type mailTenantKey struct{}

// withMailTenant names the tenant the mails made under ctx speak for.
func withMailTenant(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, mailTenantKey{}, name)
}

// MailTenant is the tenant name an operation's mail speaks for when it is
// not the tenant acted in (the first administrator of a new tenant is
// invited to that tenant); ok is false otherwise.
func MailTenant(ctx context.Context) (name string, ok bool) {
	name, ok = ctx.Value(mailTenantKey{}).(string)
	return name, ok
}
