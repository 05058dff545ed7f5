package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrUnknownAccount means an account id is not one of the tenant's accounts.
var ErrUnknownAccount = errors.New("store: unknown account")

// InUse refuses to delete something still held; it says by what.
type InUse struct {
	Members  int
	Users    int
	Groups   int
	Projects []string
}

func (e *InUse) Error() string { return "store: still in use" }

// Group is a tenant's set of accounts that share roles.
type Group struct {
	ID          int64
	TenantID    int64
	Name        string
	Description string
	Members     int
	CreatedAt   time.Time
	// UpdatedAt is when the provider last wrote it (zero: never); ExternalID
	// its id there; SCIMManaged: the provider created or claimed it.
	UpdatedAt   time.Time
	ExternalID  string
	SCIMManaged bool
}

const groupColumns = `g.id, g.tenant_id, g.name, g.description, g.member_count, g.created_at,
	g.updated_at, COALESCE(g.external_id, ''), g.scim_managed`

func scanGroup(r scanner, g *Group) error {
	var created, updated int64
	if err := r.Scan(&g.ID, &g.TenantID, &g.Name, &g.Description, &g.Members, &created,
		&updated, &g.ExternalID, &g.SCIMManaged); err != nil {
		return err
	}
	g.CreatedAt = time.Unix(created, 0).UTC()
	g.UpdatedAt = unixOrZero(updated)
	return nil
}

// Group returns one of the tenant's groups; another tenant's id is ErrNotFound.
func (s *Store) Group(ctx context.Context, tenantID, id int64) (Group, error) {
	return oneGroup(s.queryRow(ctx, groupByID, tenantID, id))
}

func (tx *Tx) group(ctx context.Context, tenantID, id int64) (Group, error) {
	return oneGroup(tx.queryRow(ctx, groupByID, tenantID, id))
}

const groupByID = `SELECT ` + groupColumns + ` FROM user_groups g WHERE g.tenant_id = ? AND g.id = ?`

func oneGroup(row scanner) (Group, error) {
	var g Group
	if err := scanGroup(row, &g); err != nil {
		return g, fmt.Errorf("store: group: %w", notFound(err))
	}
	return g, nil
}

// Groups lists a tenant's groups by name, keyset-paged after the name key
// afterName (and id afterID); limit+1 rows tell whether more follow.
func (s *Store) Groups(ctx context.Context, tenantID int64, query, afterName string, afterID int64, limit int) ([]Group, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q := `SELECT ` + groupColumns + ` FROM user_groups g WHERE g.tenant_id = ?`
	args := []any{tenantID}
	if query = nameKey(query); query != "" {
		q += ` AND g.name_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(query)+"%")
	}
	if afterName != "" || afterID != 0 {
		q += ` AND (g.name_key, g.id) > (?, ?)`
		args = append(args, nameKey(afterName), afterID)
	}
	q += ` ORDER BY g.name_key, g.id LIMIT ?`
	args = append(args, limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: groups: %w", err)
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var g Group
		if err := scanGroup(rows, &g); err != nil {
			return nil, fmt.Errorf("store: groups: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// CreateGroup creates a group; a name taken in any case is a Conflict on "name".
func (s *Store) CreateGroup(ctx context.Context, by Actor, name, description string) (Group, error) {
	var g Group
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO user_groups (tenant_id, name, name_key, description, created_at) VALUES (?, ?, ?, ?, ?)`,
			by.TenantID, cleanName(name), nameKey(name), description, tx.s.unix())
		if err != nil {
			if isUnique(err) {
				return &Conflict{Field: "name"}
			}
			return fmt.Errorf("store: create group: %w", err)
		}
		if g, err = tx.group(ctx, by.TenantID, id); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionGroupCreate,
			TargetType: "group", TargetID: id, Details: map[string]any{"after": map[string]any{"name": g.Name, "description": g.Description}}})
	})
	return g, err
}

// UpdateGroup renames or describes a group. Audit events keep its id, so
// history shows the new name everywhere.
func (s *Store) UpdateGroup(ctx context.Context, by Actor, id int64, name, description string) (Group, error) {
	var g Group
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		before, err := tx.group(ctx, by.TenantID, id)
		if err != nil {
			return err
		}
		if err := tx.locked(ctx, by, before.SCIMManaged); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE user_groups SET name = ?, name_key = ?, description = ? WHERE tenant_id = ? AND id = ?`,
			cleanName(name), nameKey(name), description, by.TenantID, id); err != nil {
			if isUnique(err) {
				return &Conflict{Field: "name"}
			}
			return fmt.Errorf("store: update group: %w", err)
		}
		if g, err = tx.group(ctx, by.TenantID, id); err != nil {
			return err
		}
		b := map[string]any{"name": before.Name, "description": before.Description}
		a := map[string]any{"name": g.Name, "description": g.Description}
		diff(b, a)
		if len(a) == 0 {
			return nil
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionGroupUpdate,
			TargetType: "group", TargetID: id, Details: map[string]any{"before": b, "after": a}})
	})
	return g, err
}

// SetGroupRoles replaces the roles a group gives its members.
func (s *Store) SetGroupRoles(ctx context.Context, by Actor, groupID int64, roleIDs []int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, tx.groupMemberIDs(ctx, by.TenantID, groupID), func() error {
			if err := tx.noteManager(ctx, by.TenantID); err != nil {
				return err
			}
			if _, err := tx.group(ctx, by.TenantID, groupID); err != nil {
				return err
			}
			before, err := tx.groupRoleIDs(ctx, by.TenantID, groupID)
			if err != nil {
				return err
			}
			ids := slices.Compact(slices.Sorted(slices.Values(roleIDs)))
			if err := tx.checkRoles(ctx, by.TenantID, ids); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM group_roles WHERE tenant_id = ? AND group_id = ?`, by.TenantID, groupID); err != nil {
				return fmt.Errorf("store: group roles: %w", err)
			}
			for _, id := range ids {
				if _, err := tx.exec(ctx, `INSERT INTO group_roles (tenant_id, group_id, role_id) VALUES (?, ?, ?)`,
					by.TenantID, groupID, id); err != nil {
					return fmt.Errorf("store: group roles: %w", err)
				}
			}
			after, err := tx.groupRoleIDs(ctx, by.TenantID, groupID)
			if err != nil || slices.Equal(before, after) {
				return err
			}
			if err := tx.grantRoles(ctx, by, before, after); err != nil {
				return err
			}
			if err := tx.syncHasRoleOfGroup(ctx, by.TenantID, groupID); err != nil {
				return err
			}
			if err := tx.ensureManager(ctx, by.TenantID); err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionGroupRoles,
				TargetType: "group", TargetID: groupID,
				Details: map[string]any{"before": map[string]any{"role_ids": before}, "after": map[string]any{"role_ids": after}}})
		})
	})
}

func (tx *Tx) groupRoleIDs(ctx context.Context, tenantID, groupID int64) ([]int64, error) {
	return ids(tx.query(ctx, `SELECT role_id FROM group_roles WHERE tenant_id = ? AND group_id = ? ORDER BY role_id`, tenantID, groupID))
}
