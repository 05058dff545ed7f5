package ops

import (
	"context"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// Expiry reads an expiry as the console's date field ("YYYY-MM-DD", the
// start of that day in UTC) or the API's RFC 3339 time; "" means never. A
// time not after now, or past the year 9999, is refused on field.
func (o *Ops) Expiry(ctx context.Context, field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	at, ok := ParseExpiry(s)
	if !ok {
		return time.Time{}, fieldError(ctx, field, "expiry_bad_format")
	}
	switch {
	case at.Year() > 9999:
		return time.Time{}, fieldError(ctx, field, "expiry_too_far")
	case !at.After(o.now()):
		return time.Time{}, fieldError(ctx, field, "expiry_past")
	}
	return at.UTC().Truncate(time.Second), nil
}

// ParseExpiry reads an expiry as Expiry does, without judging it: a date
// is the start of that day in UTC.
func ParseExpiry(s string) (time.Time, bool) {
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		if at, err = time.Parse(time.DateOnly, s); err != nil {
			return time.Time{}, false
		}
	}
	return at, true
}

// SetAccountExpiry sets or clears (raw "") when an account ends; not one's
// own, and under the act-for and last-manager rules.
func (o *Ops) SetAccountExpiry(ctx context.Context, p Principal, id int64, raw string) error {
	a, at, err := o.accountExpiry(ctx, p, id, raw)
	if err != nil {
		return err
	}
	return lockRefused(o.st.SetAccountExpiry(ctx, p.by(manage(a), true), id, at))
}

// CheckAccountExpiry refuses what SetAccountExpiry would refuse before it
// writes (the date, one's own account), for a change of several steps (an
// import's row) to be refused before its first step.
func (o *Ops) CheckAccountExpiry(ctx context.Context, p Principal, id int64, raw string) error {
	_, _, err := o.accountExpiry(ctx, p, id, raw)
	return err
}

func (o *Ops) accountExpiry(ctx context.Context, p Principal, id int64, raw string) (store.Account, time.Time, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return a, time.Time{}, err
	}
	at, err := o.Expiry(ctx, "expires_at", raw)
	if err != nil {
		return a, at, err
	}
	if a.ID == p.AccountID {
		return a, at, errSelf
	}
	return a, at, nil
}

// SetRoleExpiry sets or clears when an account's direct role ends.
func (o *Ops) SetRoleExpiry(ctx context.Context, p Principal, id, roleID int64, raw string) error {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return err
	}
	at, err := o.Expiry(ctx, "expires_at", raw)
	if err != nil {
		return err
	}
	return o.st.SetRoleExpiry(ctx, p.by(manage(a), true), id, roleID, at)
}

// SetMembershipExpiry sets or clears when an account's membership of a group ends.
func (o *Ops) SetMembershipExpiry(ctx context.Context, p Principal, groupID, accountID int64, raw string) error {
	at, err := o.Expiry(ctx, "expires_at", raw)
	if err != nil {
		return err
	}
	return lockRefused(o.st.SetMembershipExpiry(ctx, p.by(auth.GroupsManage, true), groupID, accountID, at))
}
