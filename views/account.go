package views

import (
	"strings"
	"time"
	"unicode"
)

// Account is the My account page's view model.
type Account struct {
	Profile     UserForm // names, language, time zone, currency; login and email shown read-only
	AvatarURL   string   // "" without an avatar
	AvatarError string
	SSO         bool
	Sessions    []SessionRow
	Notice      string // a translation key
	// Access: the roles the person holds in the tenant acted in (so a service
	// provider's user sees customer A's roles in A, B's in B).
	Access Access
}

// SessionRow is one signed-in browser of the account.
type SessionRow struct {
	Created  time.Time
	LastSeen time.Time
	Current  bool
}

// Others counts the sessions that "Sign out other sessions" would end.
func (a Account) Others() int { return max(len(a.Sessions)-1, 0) }

// Password is the change-password page; passwords are never sent back.
type Password struct {
	Forced bool // an administrator set a temporary password
	Next   string
	Errors map[string]string
}

// Err returns the message for field, or "".
func (p Password) Err(field string) string { return p.Errors[field] }

// Initials are what an account without an avatar shows: up to two letters.
func Initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
		if b.Len() > 0 && len([]rune(b.String())) == 2 {
			break
		}
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
}
