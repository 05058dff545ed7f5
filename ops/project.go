package ops

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// CreateProject creates a project: a name of 1 to 100 characters, unique in the tenant whatever its case, and a description of at most 300.
func (o *Ops) CreateProject(ctx context.Context, p Principal, name, description string) (store.Project, error) {
	if err := invalid(form.NameDescription(ctx, name, description)); err != nil {
		return store.Project{}, err
	}
	return o.st.CreateProject(ctx, p.by(auth.ProjectsManage, false), name, description)
}

// UpdateProject renames, describes, archives or restores a project of the actor's tenant.
func (o *Ops) UpdateProject(ctx context.Context, p Principal, id int64, name, description string, archived bool) (store.Project, error) {
	if err := invalid(form.NameDescription(ctx, name, description)); err != nil {
		return store.Project{}, err
	}
	return o.st.UpdateProject(ctx, p.by(auth.ProjectsManage, false), id, name, description, archived)
}

// DeleteProject deletes a project of the actor's tenant with everyone's place on it.
func (o *Ops) DeleteProject(ctx context.Context, p Principal, id int64) error {
	return o.st.DeleteProject(ctx, p.by(auth.ProjectsManage, false), id)
}
