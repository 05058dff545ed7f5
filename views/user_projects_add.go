package views

// UserProjectsAdd is "Add to project" for one person, a fragment the user
// sidebar links to: the tenant's projects (a search, the first page), each
// with an Add button, or marked when the person is on it already.
type UserProjectsAdd struct {
	AccountID int64
	Name      string
	Q         string
	Rows      []UserProjectChoice
	More      bool // more projects match than shown
	Status    Status
	// Projects is the person's Projects section after an add, swapped out of band.
	Projects []UserProject
	Added    bool
}

// UserProjectChoice is one project the person may be added to.
type UserProjectChoice struct {
	ID       int64
	Name     string
	Archived bool
	On       bool // on it already (one by one or through a team)
}

// UserProjectsAddURL is the fragment's address for a person.
func UserProjectsAddURL(accountID int64) string {
	return userURL(accountID, "/projects/add")
}
