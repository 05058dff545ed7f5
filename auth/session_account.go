package auth

import (
	"github.com/gorilla/sessions"

	"github.com/console-dev/console/store"
)

// SessionHash is the stored form of a session's id, to tell "this session"
// apart in a list or keep it while ending the others.
func SessionHash(sess *sessions.Session) string {
	if sess == nil || sess.ID == "" {
		return ""
	}
	return hashID(sess.ID)
}

// keyAvatar holds the account's avatar key, loaded with the session.
const keyAvatar = "~avatar"

// LoadedAvatar is the signed-in account's avatar key, "" without one.
func LoadedAvatar(sess *sessions.Session) string {
	key, _ := sess.Values[keyAvatar].(string)
	return key
}

// keyIn holds the tenant acted in and the permissions there, loaded with the session.
const keyIn = "~in"

type loadedIn struct {
	slug string
	in   store.SignedIn
}

// LoadedIn is the tenant the session's account acts in and its permissions
// there, as Load read them for slug: ok is false when the session was loaded
// for another slug (or none was loaded). Allowed in it is false when the
// account may not act in that tenant.
func LoadedIn(sess *sessions.Session, slug string) (store.SignedIn, bool) {
	l, ok := sess.Values[keyIn].(loadedIn)
	if !ok || l.slug != slug {
		return store.SignedIn{}, false
	}
	return l.in, true
}
