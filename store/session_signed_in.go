package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// permSep joins the permissions one statement reads: the unit separator,
// which no permission (a catalog key or "module:" and a module's key) holds,
// so no stored value, however it got there, splits into two.
const permSep = "\x1f"

// SignedIn is what a request of a signed-in browser needs before its
// handler runs: the session, its account, the tenant it acts in and the
// permissions of the account's roles there.
type SignedIn struct {
	Session Session
	Account Account
	// Acting is the tenant acted in; Allowed is false (and Acting empty) when
	// no tenant has the slug asked for or the account may not act there.
	Acting  Acting
	Allowed bool
	// Perms are the permissions of the roles held in Acting's tenant,
	// directly or through groups, plus its modules for a home Admin.
	Perms []string
}

// SignedInAs loads the session whose id hashes to idHash, its account, the
// tenant with slug it acts in ("" for its home tenant) and its permissions
// there in one statement: a signed-in request costs one read before its
// handler, however many tenants, roles and groups there are, and nothing is
// cached between requests, so a change made by another process counts at
// once. ErrNotFound: no such session.
func (s *Store) SignedInAs(ctx context.Context, idHash, slug string) (SignedIn, error) {
	var in SignedIn
	var created, seen int64
	var x actingScan
	var perms string
	dest := append([]any{&in.Session.IDHash, &in.Session.AccountID, &in.Session.Data, &created, &seen, &in.Session.AvatarKey},
		x.dest()...)
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+`, s.id_hash, s.account_id, s.data, s.created_at, s.last_seen_at,
		COALESCE(av.key, ''), `+actingColumns+`,
		COALESCE((SELECT string_agg(p.permission, '`+permSep+`') FROM (`+
		heldPermissions("a.id", "t.id", "t.id = h.id AND a.user_type = 'admin'", s.unix())+`) p), '')
		FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN tenants h ON h.id = a.tenant_id
		LEFT JOIN avatars av ON av.account_id = a.id AND av.tenant_id = a.tenant_id `+actingTenant+`
		WHERE s.id_hash = ?`, slug, slug, idHash), &in.Account, append(dest, &perms)...)
	if err != nil {
		return in, fmt.Errorf("store: session: %w", notFound(err))
	}
	in.Session.CreatedAt, in.Session.LastSeenAt = time.Unix(created, 0).UTC(), time.Unix(seen, 0).UTC()
	in.Account = s.standing(in.Account)
	if in.Acting, in.Allowed = x.acting(); in.Allowed && perms != "" {
		in.Perms = strings.Split(perms, permSep)
		slices.Sort(in.Perms)
	}
	return in, nil
}
