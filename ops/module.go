package ops

import (
	"context"
	"regexp"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
)

// moduleKey: 1–40 characters of a-z, 0-9, - and _, starting with a letter.
var moduleKey = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,39}$`)

// CreateModule adds a product module, granted by roles as module:<key>; a key already used is a store.Conflict on "key".
func (o *Ops) CreateModule(ctx context.Context, p Principal, key, name, description string) (int64, error) {
	errs := form.NameDescription(ctx, name, description)
	switch {
	case key == "":
		errs["key"] = i18n.T(ctx, "err_required")
	case !moduleKey.MatchString(key):
		errs["key"] = i18n.T(ctx, "err_module_key_format")
	}
	if err := invalid(errs); err != nil {
		return 0, err
	}
	return o.st.CreateModule(ctx, p.by(auth.RolesManage, false), key, name, description)
}

// UpdateModule renames or describes a module; its key never changes, so roles keep granting it.
func (o *Ops) UpdateModule(ctx context.Context, p Principal, id int64, name, description string) error {
	if err := invalid(form.NameDescription(ctx, name, description)); err != nil {
		return err
	}
	return o.st.UpdateModule(ctx, p.by(auth.RolesManage, false), id, name, description)
}

// DeleteModule removes a module and every role's access to it; each holder losing it must be within the actor's access.
func (o *Ops) DeleteModule(ctx context.Context, p Principal, id int64) error {
	return o.st.DeleteModule(ctx, p.by(auth.RolesManage, false), id)
}
