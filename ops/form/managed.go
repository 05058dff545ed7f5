package form

// Managed is one customer a service provider's user manages and the roles
// they get there, as the create form's second step, the sidebar's Managed
// customers table or the API (managed_customers) send it.
type Managed struct {
	TenantID int64   `json:"tenant_id"`
	RoleIDs  []int64 `json:"role_ids"`
	// Remove ends the membership (the console's unticked row); the API
	// creates only.
	Remove bool `json:"-"`
}
