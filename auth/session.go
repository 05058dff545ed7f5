package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/sessions"

	"github.com/console-dev/console/store"
)

// SessionName is the cookie that carries the session id.
const SessionName = "console_session"

// KeyAccount is the session value holding the signed-in account id.
const KeyAccount = "account_id"

// keyLoaded holds the account loaded with the session; "~" keys are never stored.
const keyLoaded = "~account"

// ErrSessionExpired means the cookie named a session past its idle or absolute timeout.
var ErrSessionExpired = errors.New("auth: session expired")

// SessionStore implements gorilla/sessions' Store over the sessions table: the
// cookie holds a 256-bit random id, the database only its SHA-256, so a session
// can be ended on the server and a stolen database reveals no usable id.
type SessionStore struct {
	st       *store.Store
	Secure   bool
	Idle     time.Duration
	Absolute time.Duration
	now      func() time.Time
}

// NewSessionStore makes a store with the given timeouts.
func NewSessionStore(st *store.Store, secure bool, idle, absolute time.Duration) *SessionStore {
	return &SessionStore{st: st, Secure: secure, Idle: idle, Absolute: absolute, now: time.Now}
}

// SetClock replaces the clock, for timeout tests.
func (s *SessionStore) SetClock(now func() time.Time) { s.now = now }

// Get returns the request's session (gorilla's registry caches it per request).
func (s *SessionStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session named by the cookie, or returns an empty new one. An
// expired session is deleted and reported with ErrSessionExpired.
func (s *SessionStore) New(r *http.Request, name string) (*sessions.Session, error) {
	return s.Load(r, name, "")
}

// Load is New for a request acting in the tenant with slug ("" for the
// account's home tenant): the same statement that reads the session reads
// that tenant and the account's permissions there, which LoadedIn returns.
func (s *SessionStore) Load(r *http.Request, name, slug string) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	sess.Options = s.options(0)
	sess.IsNew = true
	c, err := r.Cookie(name)
	if err != nil || len(c.Value) != 43 {
		return sess, nil
	}
	ctx := r.Context()
	in, err := s.st.SignedInAs(ctx, hashID(c.Value), slug)
	if errors.Is(err, store.ErrNotFound) {
		return sess, nil
	}
	if err != nil {
		return sess, err
	}
	row, acct := in.Session, in.Account
	now := s.now()
	if now.Sub(row.LastSeenAt) > s.Idle || now.Sub(row.CreatedAt) > s.Absolute {
		_ = s.st.DeleteSession(ctx, row.IDHash)
		return sess, ErrSessionExpired
	}
	values := map[string]any{}
	if err := json.Unmarshal([]byte(row.Data), &values); err != nil {
		return sess, fmt.Errorf("auth: session data: %w", err)
	}
	for k, v := range values {
		sess.Values[k] = v
	}
	sess.ID = c.Value
	sess.IsNew = false
	sess.Values[KeyAccount] = acct.ID
	sess.Values[keyLoaded] = acct
	sess.Values[keyAvatar] = row.AvatarKey
	sess.Values[keyIn] = loadedIn{slug: slug, in: in}
	// Hot-path writes are throttled: last seen and last active move at most once a minute.
	if now.Sub(row.LastSeenAt) >= time.Minute {
		if err := s.st.SaveSession(ctx, row.IDHash, row.Data, now); err != nil {
			return sess, err
		}
		if err := s.st.TouchActive(ctx, acct.ID, now); err != nil {
			return sess, err
		}
	}
	return sess, nil
}

// Save stores the session and sets its cookie; MaxAge < 0 ends it on the server.
func (s *SessionStore) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	ctx := r.Context()
	if sess.Options.MaxAge < 0 {
		if sess.ID != "" {
			if err := s.st.DeleteSession(ctx, hashID(sess.ID)); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(sess.Name(), "", s.options(-1)))
		return nil
	}
	accountID, _ := sess.Values[KeyAccount].(int64)
	if accountID == 0 {
		return errors.New("auth: session without account")
	}
	data, err := encodeValues(sess.Values)
	if err != nil {
		return err
	}
	if sess.ID == "" {
		sess.ID = newID()
		if err := s.st.CreateSession(ctx, hashID(sess.ID), accountID, data); err != nil {
			return err
		}
	} else if err := s.st.SaveSession(ctx, hashID(sess.ID), data, s.now()); err != nil {
		return err
	}
	http.SetCookie(w, sessions.NewCookie(sess.Name(), sess.ID, sess.Options))
	return nil
}

// Start begins a fresh session for accountID, ending the old one: the id
// rotates at sign-in so a planted cookie cannot be carried into an account.
func (s *SessionStore) Start(r *http.Request, w http.ResponseWriter, accountID int64) (*sessions.Session, error) {
	if c, err := r.Cookie(SessionName); err == nil && c.Value != "" {
		_ = s.st.DeleteSession(r.Context(), hashID(c.Value))
	}
	sess := sessions.NewSession(s, SessionName)
	sess.Options = s.options(0)
	sess.IsNew = true
	sess.Values[KeyAccount] = accountID
	return sess, s.Save(r, w, sess)
}

// End ends the session on the server and clears the cookie.
func (s *SessionStore) End(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	sess.Options = s.options(-1)
	return s.Save(r, w, sess)
}

// LoadedAccount returns the account loaded with the session, if any.
func LoadedAccount(sess *sessions.Session) (store.Account, bool) {
	a, ok := sess.Values[keyLoaded].(store.Account)
	return a, ok
}

func (s *SessionStore) options(maxAge int) *sessions.Options {
	return &sessions.Options{Path: "/", MaxAge: maxAge, HttpOnly: true, Secure: s.Secure, SameSite: http.SameSiteLaxMode}
}

func encodeValues(v map[any]any) (string, error) {
	m := map[string]any{}
	for k, val := range v {
		ks, ok := k.(string)
		if !ok || ks == KeyAccount || strings.HasPrefix(ks, "~") {
			continue
		}
		m[ks] = val
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("auth: session data: %w", err)
	}
	return string(b), nil
}

func newID() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashID(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:])
}
