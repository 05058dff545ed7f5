package views

// activeFilters counts the filters set beside the search, for the phone's
// "Filters" button: the folded form says how many are at work.
func activeFilters(f UsersFilter) int {
	n := 0
	for _, set := range []bool{f.Status != "", f.Type != "", f.Auth != "", f.Role != "", f.NoRole, f.Pending, f.Deactivated,
		f.Group != "", f.Inactive != "", f.Domain != "", f.CreatedFrom != "", f.CreatedTo != ""} {
		if set {
			n++
		}
	}
	return n
}
