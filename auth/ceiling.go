package auth

import "slices"

// KeyCeiling is the ceiling a new API key carries: none (nil) when a person
// makes their own key with an unbounded credential, or when an Admin makes
// it; otherwise the creator's effective permissions now, so the key can never
// do more than its creator could, whatever its account gains later. A
// creator who is itself a bounded key passes its bound on, even to a key of
// its own account.
func KeyCeiling(creatorType string, creatorPerms Perms, ownKey, creatorBounded bool) []string {
	if !creatorBounded && (ownKey || creatorType == "admin") {
		return nil
	}
	return creatorPerms.List()
}

// List is the set's permissions, sorted; never nil.
func (p Perms) List() []string {
	out := make([]string, 0, len(p))
	for perm, ok := range p {
		if ok {
			out = append(out, string(perm))
		}
	}
	slices.Sort(out)
	return out
}

// Within keeps the permissions of p that ceiling also holds; a nil ceiling
// keeps them all.
func (p Perms) Within(ceiling []string) Perms {
	if ceiling == nil {
		return p
	}
	out := Perms{}
	for _, c := range ceiling {
		if p.Has(Permission(c)) {
			out[Permission(c)] = true
		}
	}
	return out
}
