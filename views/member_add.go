package views

// MemberAdd is the "Add existing person" sidebar: a search of the people of
// the tenants above, the one chosen, and their roles here.
type MemberAdd struct {
	Query      string
	Searched   bool // a search of at least two letters was made
	Candidates []MemberCandidate
	Chosen     int64
	Roles      []Option
	Errors     map[string]string
	Alert      string
}

// MemberCandidate is one person found.
type MemberCandidate struct {
	ID     int64
	Name   string
	Email  string
	Home   string
	Member bool // already a member here: their roles will be changed
}
