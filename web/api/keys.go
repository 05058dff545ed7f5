package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// keyJSON is a key as lists show it; Key (the whole secret) only in the
// answer that creates it.
type keyJSON struct {
	ID         int64      `json:"id"`
	AccountID  int64      `json:"account_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Status     string     `json:"status"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	// Ceiling bounds the key: the permissions of whoever made it for this
	// account; null when the key has its account's whole access.
	Ceiling []string `json:"ceiling"`
	Key     string   `json:"key,omitempty"`
}

func toKey(k store.APIKey, now time.Time) keyJSON {
	opt := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		return &t
	}
	return keyJSON{ID: k.ID, AccountID: k.AccountID, Name: k.Name, Prefix: auth.KeyPrefixOf(k.PublicID),
		Status: k.KeyStatus(now), CreatedAt: k.CreatedAt, ExpiresAt: opt(k.ExpiresAt), LastUsedAt: opt(k.LastUsedAt),
		Ceiling: k.Ceiling}
}

// keyList lists an account's keys, newest first.
func (a *API) keyList(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := a.store.Account(ctx, tenant(c), id); err != nil {
		return err
	}
	keys, err := a.store.APIKeys(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	items := make([]keyJSON, len(keys))
	for i, k := range keys {
		items[i] = toKey(k, a.now())
	}
	return reply(c, http.StatusOK, newPage(items, ""))
}

// keyCreate makes a key for an account and shows its secret this once.
func (a *API) keyCreate(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		Name    string `json:"name"`
		Expires string `json:"expires"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	k, key, err := a.ops.CreateKey(ctx, principal(c), id, in.Name, in.Expires)
	if err != nil {
		return err
	}
	out := toKey(k, a.now())
	out.Key = key
	return reply(c, http.StatusCreated, out)
}

// keyRevoke revokes a key of the account at once; an account holding more
// than the caller keeps its keys (stopping an Admin's integration is an
// Admin's call).
func (a *API) keyRevoke(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	keyID, err := pathID(c, "key_id")
	if err != nil {
		return err
	}
	if _, err := a.ops.RevokeKey(ctx, principal(c), id, keyID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
