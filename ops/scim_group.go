package ops

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// MaxSCIMMembers is the most members one SCIM group request may name.
const MaxSCIMMembers = 100_000

// SCIMCreateGroup creates a group for the provider with its members: a
// display name of 1 to 100 characters free in the tenant in any case.
func (o *Ops) SCIMCreateGroup(ctx context.Context, p Principal, g store.SCIMGroup) (store.Group, error) {
	if err := scimGroupInput(ctx, &g); err != nil {
		return store.Group{}, err
	}
	return o.st.SCIMCreateGroup(ctx, p.provider(), g)
}

// SCIMSaveGroup writes the provider's group id: name, external id and
// exactly its members, each who joins or leaves judged; it claims the group.
func (o *Ops) SCIMSaveGroup(ctx context.Context, p Principal, id int64, g store.SCIMGroup) (store.Group, error) {
	if err := scimGroupInput(ctx, &g); err != nil {
		return store.Group{}, err
	}
	return o.st.SCIMSaveGroup(ctx, p.provider(), id, g)
}

// SCIMDeleteGroup deletes the provider's group: its members lose its roles.
func (o *Ops) SCIMDeleteGroup(ctx context.Context, p Principal, id int64) error {
	return o.st.SCIMDeleteGroup(ctx, p.provider(), id)
}

func scimGroupInput(ctx context.Context, g *store.SCIMGroup) error {
	g.Name = strings.TrimSpace(g.Name)
	errs := map[string]string{}
	form.Text(ctx, errs, "name", g.Name, true, 100)
	if len(g.ExternalID) > 255 || !utf8.ValidString(g.ExternalID) {
		errs["external_id"] = i18n.T(ctx, "scim_err_external_id")
	}
	if len(g.Members) > MaxSCIMMembers {
		errs["members"] = i18n.T(ctx, "err_too_many_ids", map[string]any{"Field": "members", "Max": MaxSCIMMembers})
	}
	for _, id := range g.Members {
		if id <= 0 {
			return store.ErrUnknownAccount
		}
	}
	return invalid(errs)
}
