package api

import (
	"context"
	"time"

	"github.com/console-dev/console/store"
)

// userJSON is a user (or service account) as the API shows it.
type userJSON struct {
	ID           int64      `json:"id"`
	Kind         string     `json:"kind"`
	Login        string     `json:"login"`
	Email        string     `json:"email"`
	FirstName    string     `json:"first_name"`
	LastName     string     `json:"last_name"`
	Status       string     `json:"status"`
	Auth         string     `json:"auth"`
	UserType     string     `json:"user_type"`
	Language     string     `json:"language"`
	TimeZone     string     `json:"time_zone"`
	Currency     string     `json:"currency"`
	CreatedAt    time.Time  `json:"created_at"`
	LastActiveAt *time.Time `json:"last_active_at"`
	Roles        []roleRef  `json:"roles"`
}

// roleRef is a role an account holds and its source: "direct", or "group"
// with the group that gives it.
type roleRef struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Source    string `json:"source"`
	GroupID   int64  `json:"group_id,omitempty"`
	GroupName string `json:"group_name,omitempty"`
}

func toUser(a store.Account, held []store.HeldRole) userJSON {
	u := userJSON{ID: a.ID, Kind: a.Kind, Login: a.Login, Email: a.Email, FirstName: a.FirstName, LastName: a.LastName,
		Status: a.Status, Auth: a.AuthMethod, UserType: a.UserType, Language: a.Language, TimeZone: a.TimeZone,
		Currency: a.Currency, CreatedAt: a.CreatedAt, Roles: []roleRef{}}
	if a.Kind == "service" {
		u.Auth = "api_key" // an application never signs in; it calls with its keys
	}
	if !a.LastActiveAt.IsZero() {
		t := a.LastActiveAt
		u.LastActiveAt = &t
	}
	for _, h := range held {
		r := roleRef{ID: h.RoleID, Name: h.Name, Source: "direct"}
		if h.GroupID != 0 {
			r.Source, r.GroupID, r.GroupName = "group", h.GroupID, h.GroupName
		}
		u.Roles = append(u.Roles, r)
	}
	return u
}

// user reads one account of the caller's tenant with its roles.
func (a *API) user(ctx context.Context, tenantID, id int64) (userJSON, error) {
	acct, err := a.store.Account(ctx, tenantID, id)
	if err != nil {
		return userJSON{}, err
	}
	held, err := a.store.HeldRoles(ctx, tenantID, id)
	if err != nil {
		return userJSON{}, err
	}
	return toUser(acct, held), nil
}
