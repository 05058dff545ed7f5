package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// SCIMGroup is what an identity provider keeps of a group: its name, its id
// there and its members (account ids of the tenant).
type SCIMGroup struct {
	Name       string
	ExternalID string
	Members    []int64
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
		res, err := tx.exec(ctx, `INSERT INTO user_groups (tenant_id, name, name_key, description, created_at, updated_at, external_id, scim_managed)
			VALUES (?, ?, ?, '', ?, ?, ?, 1)`, by.TenantID, cleanName(n.Name), nameKey(n.Name), tx.s.unix(), tx.s.unix(), nullText(n.ExternalID))
		if err != nil {
			if isUnique(err) {
				return &Conflict{Field: "name"}
			}
			return fmt.Errorf("store: scim create group: %w", err)
		}
		id, _ := res.LastInsertId()
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
	var add, remove []int64
	err := s.tx(ctx, func(tx *Tx) error {
		affected := func() ([]int64, error) {
			have, err := ids(tx.query(ctx, `SELECT account_id FROM group_members WHERE tenant_id = ? AND group_id = ? ORDER BY account_id`, by.TenantID, id))
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

// SCIMDeleteGroup deletes a group for the provider: its members leave it
// (losing its roles, each judged, never the last person able to manage
// users); a group projects use as a team is refused (*InUse), since the
// projects are the console's to change first.
func (s *Store) SCIMDeleteGroup(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, tx.groupMemberIDs(ctx, by.TenantID, id), func() error {
			members, err := ids(tx.query(ctx, `SELECT account_id FROM group_members WHERE tenant_id = ? AND group_id = ?`, by.TenantID, id))
			if err != nil {
				return fmt.Errorf("store: scim delete group: %w", err)
			}
			if len(members) > 0 {
				if _, err := tx.changeMembers(ctx, by, id, members, false); err != nil {
					return err
				}
			}
			return tx.deleteGroup(ctx, by, id)
		})
	})
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
