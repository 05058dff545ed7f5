package api

// bounded applies the key's ceiling to the caller: its permissions become
// those its account holds now that the ceiling also holds, and an Admin
// account's bounded key is no Admin (its creator was none, or the key would
// carry no ceiling), so the Admin-only rules (acting for an Admin, changing
// user types) see a standard user.
func bounded(cl *caller) *caller {
	if cl.Key.Ceiling == nil {
		return cl
	}
	cl.Perms = cl.Perms.Within(cl.Key.Ceiling)
	if cl.Account.UserType == "admin" {
		cl.Account.UserType = "standard"
	}
	return cl
}
