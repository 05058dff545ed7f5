package importer

import (
	"context"
	"errors"
	"slices"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// scope is what the rows of one tenant are decided against: who acts
// there, its roles and groups by name, and the people the rows name.
type scope struct {
	p       ops.Principal
	refused string // the tenant may not be acted in: every row's reason
	roles   map[string]int64
	groups  map[string]int64
	byLogin map[string]store.Account
	byEmail map[string]store.Account
	roleIDs map[int64][]int64 // direct roles of the people found
	inGroup map[int64][]int64
}

// scope reads the tenant slug names ("" the one p acts in) for rows: a
// sub-tenant must be below p's and one p may act in (the operations then
// judge p's access there).
func (pl *Planner) scope(ctx context.Context, p ops.Principal, slug string, rows []Values) (*scope, error) {
	sc := &scope{p: p}
	if slug != "" {
		t, err := pl.st.Tenant(ctx, p.TenantID)
		if err != nil {
			return nil, err
		}
		if slug != t.Slug {
			home := p.HomeTenantID
			if home == 0 {
				home = p.TenantID
			}
			act, err := pl.st.ActingIn(ctx, p.AccountID, home, slug)
			if errors.Is(err, store.ErrNotFound) || (err == nil && !act.Active) {
				sc.refused = "import_err_tenant"
				return sc, nil
			}
			if err != nil {
				return nil, err
			}
			below, err := pl.st.Within(ctx, act.Tenant.ID, p.TenantID)
			if err != nil {
				return nil, err
			}
			if !below {
				sc.refused = "import_err_tenant"
				return sc, nil
			}
			sc.p.TenantID, sc.p.HomeTenantID = act.Tenant.ID, home
		}
	}
	tid := sc.p.TenantID
	roles, err := pl.st.Roles(ctx, tid)
	if err != nil {
		return nil, err
	}
	sc.roles = map[string]int64{}
	for _, r := range roles {
		sc.roles[fold(r.Name)] = r.ID
	}
	groups, err := pl.st.GroupNames(ctx, tid)
	if err != nil {
		return nil, err
	}
	sc.groups = map[string]int64{}
	for id, name := range groups {
		sc.groups[fold(name)] = id
	}
	var logins, emails []string
	for _, v := range rows {
		if v.Login != "" {
			logins = append(logins, v.Login)
		}
		if v.Email != "" {
			emails = append(emails, v.Email)
		}
	}
	found, err := pl.st.ImportMatches(ctx, tid, logins, emails)
	if err != nil {
		return nil, err
	}
	sc.byLogin, sc.byEmail = map[string]store.Account{}, map[string]store.Account{}
	ids := make([]int64, 0, len(found))
	for _, a := range found {
		sc.byLogin[a.Login] = a
		if a.Email != "" {
			sc.byEmail[a.Email] = a
		}
		ids = append(ids, a.ID)
	}
	refs, err := pl.st.AccountRoles(ctx, tid, ids)
	if err != nil {
		return nil, err
	}
	sc.roleIDs = map[int64][]int64{}
	for id, rs := range refs {
		for _, r := range rs {
			sc.roleIDs[id] = append(sc.roleIDs[id], r.ID)
		}
		slices.Sort(sc.roleIDs[id])
	}
	if sc.inGroup, err = pl.st.GroupsOf(ctx, tid, ids); err != nil {
		return nil, err
	}
	return sc, nil
}
