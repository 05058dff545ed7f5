package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// SCIMGroup is what an identity provider keeps of a group: its name, its id
// there and its members (account ids of the tenant).
type SCIMGroup struct {
	Name       string
	ExternalID string
	Members    []int64
	// Base is the group a PATCH was applied to, when this is its result:
	// saving it is ErrStale when the group changed since it was read.
	Base *SCIMGroup
}

// ErrStale: the group changed since the change to it was worked out; read it
// again and work the change out anew.
var ErrStale = errors.New("store: changed since it was read")

// unchanged is ErrStale unless group id still has base's name, external id
// and members.
func (tx *Tx) unchanged(ctx context.Context, tenantID, id int64, base SCIMGroup) error {
	g, err := tx.group(ctx, tenantID, id)
	if err != nil {
		return err
	}
	have, err := tx.homeUserMembers(ctx, tenantID, id)
	if err != nil {
		return fmt.Errorf("store: scim save group: %w", err)
	}
	if g.Name != base.Name || g.ExternalID != base.ExternalID ||
		!slices.Equal(have, slices.Compact(slices.Sorted(slices.Values(base.Members)))) {
		return ErrStale
	}
	return nil
}

// SCIMCreateGroup creates a group for the provider, managed by it, with its
// members. A name taken in any case is a Conflict on "name"; a member id
// not of the tenant is ErrUnknownAccount.
func (s *Store) SCIMCreateGroup(ctx context.Context, by Actor, n SCIMGroup) (Group, error) {
	var g Group
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO user_groups (tenant_id, name, name_key, description, created_at, updated_at, external_id, scim_managed)
			VALUES (?, ?, ?, '', ?, ?, ?, 1)`, by.TenantID, cleanName(n.Name), nameKey(n.Name), tx.s.unix(), tx.s.unix(), nullText(n.ExternalID))
		if err != nil {
			if isUnique(err) {
				return &Conflict{Field: "name"}
			}
			return fmt.Errorf("store: scim create group: %w", err)
		}
		if g, err = tx.group(ctx, by.TenantID, id); err != nil {
			return err
		}
		if err := tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionGroupCreate,
			TargetType: "group", TargetID: id, Details: map[string]any{"after": map[string]any{"name": g.Name, "external_id": n.ExternalID}}}); err != nil {
			return err
		}
		if len(n.Members) == 0 {
			return nil
		}
		if err := tx.checkHomeUsers(ctx, by.TenantID, n.Members); err != nil {
			return err
		}
		return tx.guarded(ctx, by, these(n.Members...), func() (err error) {
			g, err = tx.changeMembers(ctx, by, id, n.Members, true)
			return err
		})
	})
	return g, err
}

// SCIMSaveGroup writes what the provider keeps of group id: its name, its
// external id and exactly these members (those missing leave, those new
// join, each judged), and claims the group.
func (s *Store) SCIMSaveGroup(ctx context.Context, by Actor, id int64, n SCIMGroup) (Group, error) {
	var g Group
	want := slices.Compact(slices.Sorted(slices.Values(n.Members)))
	err := s.tx(ctx, func(tx *Tx) error {
		// The lock comes before reading what the PATCH was applied to; add and
		// remove are worked out afresh on every run of the transaction.
		if err := tx.serialize(ctx, by.TenantID); err != nil {
			return err
		}
		var add, remove []int64
		if n.Base != nil {
			if err := tx.unchanged(ctx, by.TenantID, id, *n.Base); err != nil {
				return err
			}
		}
		if err := tx.checkHomeUsers(ctx, by.TenantID, want); err != nil {
			return err
		}
		affected := func() ([]int64, error) {
			have, err := tx.homeUserMembers(ctx, by.TenantID, id)
			if err != nil {
				return nil, fmt.Errorf("store: scim save group: %w", err)
			}
			add, remove = sortedDiff(want, have), sortedDiff(have, want)
			return append(slices.Clone(add), remove...), nil
		}
		return tx.guarded(ctx, by, affected, func() error {
			before, err := tx.group(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if add == nil && remove == nil {
				// the guard did not ask (an Admin's change): work it out here
				if _, err := affected(); err != nil {
					return err
				}
			}
			if _, err := tx.exec(ctx, `UPDATE user_groups SET name = ?, name_key = ?, external_id = ?, scim_managed = 1, updated_at = ?
				WHERE tenant_id = ? AND id = ?`, cleanName(n.Name), nameKey(n.Name), nullText(n.ExternalID), tx.s.unix(), by.TenantID, id); err != nil {
				if isUnique(err) {
					return &Conflict{Field: "name"}
				}
				return fmt.Errorf("store: scim save group: %w", err)
			}
			b := map[string]any{"name": before.Name, "external_id": before.ExternalID, "managed": before.SCIMManaged}
			a := map[string]any{"name": cleanName(n.Name), "external_id": n.ExternalID, "managed": true}
			diff(b, a)
			if len(a) > 0 {
				action := ActionGroupUpdate
				if !before.SCIMManaged {
					action = ActionGroupSCIMClaim
				}
				if err := tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
					TargetType: "group", TargetID: id, Details: map[string]any{"before": b, "after": a}}); err != nil {
					return err
				}
			}
			if len(add) > 0 {
				if _, err := tx.changeMembers(ctx, by, id, add, true); err != nil {
					return err
				}
			}
			if len(remove) > 0 {
				if _, err := tx.changeMembers(ctx, by, id, remove, false); err != nil {
					return err
				}
			}
			g, err = tx.group(ctx, by.TenantID, id)
			return err
		})
	})
	return g, err
}

// SCIMDeleteGroup deletes a group for the provider: its people leave it
// (losing its roles, each judged, never the last person able to manage
// users); a group projects use as a team, or that holds members the
// provider does not see (applications, people from above), is refused
// (*InUse), since those are the console's to change first.
func (s *Store) SCIMDeleteGroup(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, tx.groupMemberIDs(ctx, by.TenantID, id), func() error {
			members, err := tx.homeUserMembers(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if len(members) > 0 {
				if _, err := tx.changeMembers(ctx, by, id, members, false); err != nil {
					return err
				}
			}
			return tx.deleteGroup(ctx, by, id, 0)
		})
	})
}

// The provider sees, and keeps, only the tenant's own people: a group's
// applications and members from above are the console's, left as they are
// by its writes and never named to it.

// homeUserMembers lists group id's members who are people of the tenant.
func (tx *Tx) homeUserMembers(ctx context.Context, tenantID, id int64) ([]int64, error) {
	out, err := ids(tx.query(ctx, `SELECT gm.account_id FROM group_members gm JOIN accounts a ON a.id = gm.account_id
		WHERE gm.tenant_id = ? AND gm.group_id = ? AND a.tenant_id = gm.tenant_id AND a.kind = 'user' ORDER BY gm.account_id`, tenantID, id))
	if err != nil {
		return nil, fmt.Errorf("store: scim group members: %w", err)
	}
	return out, nil
}

// checkHomeUsers refuses ids that are not all people of the tenant at home
// (ErrUnknownAccount, whatever else they are).
func (tx *Tx) checkHomeUsers(ctx context.Context, tenantID int64, members []int64) error {
	members = slices.Compact(slices.Sorted(slices.Values(members)))
	for chunk := range chunks(members, accessChunk) {
		args := []any{tenantID}
		for _, id := range chunk {
			args = append(args, id)
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM accounts WHERE tenant_id = ? AND kind = 'user' AND id IN (`+placeholders(len(chunk))+`)`,
			args...).Scan(&n); err != nil {
			return fmt.Errorf("store: scim group members: %w", err)
		}
		if n != len(chunk) {
			return ErrUnknownAccount
		}
	}
	return nil
}

func nullText(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// sortedDiff is what of sorted a is not in sorted b.
func sortedDiff(a, b []int64) []int64 {
	var out []int64
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}
