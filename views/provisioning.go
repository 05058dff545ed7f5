package views

import "time"

// Provisioning is the Settings → Provisioning page's view model.
type Provisioning struct {
	// Saved is the tenant's saved mode ("console" or "external"): the
	// base URL and the tokens follow it, not what is typed.
	Saved string
	// Mode and DeleteRemoves are the form as shown (saved, or as posted).
	Mode          string
	DeleteRemoves bool
	SCIMBase      string // <base>/scim/v2
	Tokens        []SCIMTokenRow
	// CanCreate: the viewer is an Admin of this tenant, who alone makes tokens.
	CanCreate bool
	TokenName string // typed into the create form
	// NewToken is a token just made, shown once; NewTokenName its name.
	NewToken, NewTokenName string
	Errors                 map[string]string // field → message: provisioning, scim_delete, name
	Notice                 string            // catalog key of a status message
	Alert                  string            // a refusal of the whole page
	Confirm                *SCIMTokenRow     // the token whose revocation is being confirmed
}

// SCIMTokenRow is one token of the list.
type SCIMTokenRow struct {
	ID        int64
	Name      string
	Prefix    string // cst_<public id>
	CreatedBy string // "" : made on the command line
	Created   time.Time
	LastUsed  time.Time
	Revoked   time.Time
}

// External reports whether the saved mode is external.
func (p Provisioning) External() bool { return p.Saved == "external" }

// Live counts the tokens not revoked.
func (p Provisioning) Live() int {
	n := 0
	for _, t := range p.Tokens {
		if t.Revoked.IsZero() {
			n++
		}
	}
	return n
}
