package views

// Switcher is the customer switcher's list: the tenants the person may act
// in that match the filter, recent first.
type Switcher struct {
	Query   string
	Tenants []SwitcherTenant
	More    bool // more tenants match than are shown: refine the search
}

// SwitcherTenant is one tenant of the switcher's list.
type SwitcherTenant struct {
	Name    string
	Slug    string
	Home    bool // the person's home tenant
	Current bool // the tenant the request acts in
}

// SwitcherLimit is how many tenants the switcher lists at once.
const SwitcherLimit = 20

// SwitchURL is where a switcher link goes: the tenant's first page, marked
// so that this one request records the switch for the recent-first order.
func SwitchURL(slug string) string { return TenantPrefix + slug + "/?from=switcher" }
