package views

import "strconv"

// ManagedTable is the Managed customers table of a service provider's user:
// on the create form's second step (AccountID 0) and in their sidebar.
type ManagedTable struct {
	// Offered: the tenant acted in has customers, so the table shows.
	Offered   bool
	AccountID int64
	Rows      []ManagedRow
	Editable  bool // the viewer holds users.manage
	Saved     bool
	Alert     string // a refusal of the whole change
	// Password: the first step's initial password, carried to the second.
	Password string
}

// ManagedRow is one customer (or sub-tenant) below the tenant acted in.
type ManagedRow struct {
	TenantID    int64
	Name        string
	Parent      string // the tenant above it, when it is below a customer
	Depth       int
	Deactivated bool
	Manages     bool
	Roles       []ManagedRole
	Err         string
}

// ManagedRole is a role of a customer as its row offers it; Beyond: it holds
// a permission the viewer does not, so they may neither give nor take it.
type ManagedRole struct {
	Option
	Beyond bool
}

// ID is the row's tenant id as form values carry it.
func (r ManagedRow) ID() string { return strconv.FormatInt(r.TenantID, 10) }

// RolesField is the name of the row's role checkboxes.
func (r ManagedRow) RolesField() string { return "customer_roles_" + r.ID() }

// Chosen lists the rows ticked, to carry them through the first step.
func (t ManagedTable) Chosen() []ManagedRow {
	var out []ManagedRow
	for _, r := range t.Rows {
		if r.Manages {
			out = append(out, r)
		}
	}
	return out
}

// depthClass indents a sub-tenant's row under its customer.
func depthClass(d int) string {
	if d > 3 {
		d = 3
	}
	return "depth-" + strconv.Itoa(d)
}
