package auth

import "github.com/gorilla/sessions"

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
