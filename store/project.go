package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Project is one of a tenant's projects, with the counts its list shows:
// people added one by one, groups added as teams, and misconfigured people
// (on no team, or on more than one).
type Project struct {
	ID          int64
	TenantID    int64
	Name        string
	Description string
	Archived    bool
	Users       int
	Teams       int
	Errors      int
	CreatedAt   time.Time
}

// ErrNotAssigned means a person or group to remove is not on the project.
var ErrNotAssigned = errors.New("store: not assigned")

// ErrAlreadyAssigned means a person or group to add is on the project already.
var ErrAlreadyAssigned = errors.New("store: already assigned")

// ErrBadAccess means an access type other than read or write.
var ErrBadAccess = errors.New("store: access must be read or write")

// projectErrors counts a project's misconfigured people, in SQL: for each
// person on the project, their own team (0 or 1) plus every group-team they
// are in must make exactly one. %s is the project id expression.
// An expired group membership puts nobody on the group's team.
func projectErrors(id string, now int64) string {
	return fmt.Sprintf(`(SELECT COUNT(*) FROM (SELECT m.account_id FROM (
	SELECT pu.account_id, pu.team AS t FROM project_users pu WHERE pu.project_id = %[1]s
	UNION ALL SELECT gm.account_id, 1 FROM project_teams pt JOIN group_members gm ON gm.group_id = pt.group_id
	WHERE pt.project_id = %[1]s AND %[2]s) m GROUP BY m.account_id HAVING SUM(m.t) <> 1) e)`, id, live("gm", now))
}

const projectColumns = `p.id, p.tenant_id, p.name, p.description, p.archived, p.created_at,
	(SELECT COUNT(*) FROM project_users pu WHERE pu.project_id = p.id),
	(SELECT COUNT(*) FROM project_teams pt WHERE pt.project_id = p.id)`

func scanProject(r scanner, p *Project, extra ...any) error {
	var created int64
	dest := []any{&p.ID, &p.TenantID, &p.Name, &p.Description, &p.Archived, &created, &p.Users, &p.Teams}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	p.CreatedAt = time.Unix(created, 0).UTC()
	return nil
}

// ProjectFilter narrows Projects.
type ProjectFilter struct {
	Query           string
	Misconfigured   bool
	IncludeArchived bool
	AfterName       string
	AfterID         int64
	Limit           int
}

// Projects lists a tenant's projects by name with their counts, keyset-paged;
// Misconfigured keeps those with at least one misconfigured person.
func (s *Store) Projects(ctx context.Context, tenantID int64, f ProjectFilter) ([]Project, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q := `SELECT * FROM (SELECT ` + projectColumns + `, ` + projectErrors("p.id", s.unix()) + ` AS errs, p.name_key
		FROM projects p WHERE p.tenant_id = ?`
	args := []any{tenantID}
	if k := nameKey(f.Query); k != "" {
		q += ` AND p.name_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(k)+"%")
	}
	if !f.IncludeArchived {
		q += ` AND p.archived = 0`
	}
	if f.AfterName != "" || f.AfterID != 0 {
		q += ` AND (p.name_key, p.id) > (?, ?)`
		args = append(args, nameKey(f.AfterName), f.AfterID)
	}
	q += `) x WHERE 1 = 1`
	if f.Misconfigured {
		q += ` AND errs > 0`
	}
	q += ` ORDER BY name_key, id LIMIT ?`
	args = append(args, f.Limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: projects: %w", err)
	}
	defer rows.Close()
	var out []Project
	for rows.Next() {
		var p Project
		var key string
		if err := scanProject(rows, &p, &p.Errors, &key); err != nil {
			return nil, fmt.Errorf("store: projects: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Project returns one of the tenant's projects with its counts.
func (s *Store) Project(ctx context.Context, tenantID, id int64) (Project, error) {
	return oneProject(s.queryRow(ctx, projectByID(s.unix()), tenantID, id))
}

func (tx *Tx) project(ctx context.Context, tenantID, id int64) (Project, error) {
	return oneProject(tx.queryRow(ctx, projectByID(tx.s.unix()), tenantID, id))
}

func projectByID(now int64) string {
	return `SELECT ` + projectColumns + `, ` + projectErrors("p.id", now) + `
	FROM projects p WHERE p.tenant_id = ? AND p.id = ?`
}

func oneProject(row scanner) (Project, error) {
	var p Project
	if err := scanProject(row, &p, &p.Errors); err != nil {
		return p, fmt.Errorf("store: project: %w", notFound(err))
	}
	return p, nil
}

// CreateProject creates a project; a name taken in any case is a Conflict on "name".
func (s *Store) CreateProject(ctx context.Context, by Actor, name, description string) (Project, error) {
	var p Project
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO projects (tenant_id, name, name_key, description, created_at) VALUES (?, ?, ?, ?, ?)`,
			by.TenantID, cleanName(name), nameKey(name), description, tx.s.unix())
		if err != nil {
			if isUnique(err) {
				return &Conflict{Field: "name"}
			}
			return fmt.Errorf("store: create project: %w", err)
		}
		if p, err = tx.project(ctx, by.TenantID, id); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectCreate,
			TargetType: "project", TargetID: id, Details: map[string]any{"after": map[string]any{"name": p.Name, "description": p.Description}}})
	})
	return p, err
}

// UpdateProject renames, describes, archives or restores a project.
func (s *Store) UpdateProject(ctx context.Context, by Actor, id int64, name, description string, archived bool) (Project, error) {
	var p Project
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		before, err := tx.project(ctx, by.TenantID, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE projects SET name = ?, name_key = ?, description = ?, archived = ? WHERE tenant_id = ? AND id = ?`,
			cleanName(name), nameKey(name), description, archived, by.TenantID, id); err != nil {
			if isUnique(err) {
				return &Conflict{Field: "name"}
			}
			return fmt.Errorf("store: update project: %w", err)
		}
		if p, err = tx.project(ctx, by.TenantID, id); err != nil {
			return err
		}
		b := map[string]any{"name": before.Name, "description": before.Description, "archived": before.Archived}
		a := map[string]any{"name": p.Name, "description": p.Description, "archived": p.Archived}
		diff(b, a)
		if len(a) == 0 {
			return nil
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectUpdate,
			TargetType: "project", TargetID: id, Details: map[string]any{"before": b, "after": a}})
	})
	return p, err
}

// DeleteProject deletes a project and its assignments (the caller confirms first).
func (s *Store) DeleteProject(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		p, err := tx.project(ctx, by.TenantID, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM projects WHERE tenant_id = ? AND id = ?`, by.TenantID, id); err != nil {
			return fmt.Errorf("store: delete project: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectDelete,
			TargetType: "project", TargetID: id, Details: map[string]any{"before": map[string]any{"name": p.Name,
				"users": p.Users, "teams": p.Teams}}})
	})
}

// GroupProjects names the projects a group is a team of, for refusals.
func (s *Store) GroupProjects(ctx context.Context, tenantID, groupID int64) ([]string, error) {
	rows, err := s.query(ctx, `SELECT p.name FROM project_teams pt JOIN projects p ON p.id = pt.project_id
		WHERE pt.tenant_id = ? AND pt.group_id = ? ORDER BY p.name_key`, tenantID, groupID)
	if err != nil {
		return nil, fmt.Errorf("store: group projects: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
