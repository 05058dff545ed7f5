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
	// LastSignInAt is the account's last successful sign-in; null: never.
	LastSignInAt *time.Time `json:"last_signin_at"`
	// ExpiresAt ends the account (it then stands as deactivated); null: never.
	ExpiresAt *time.Time `json:"expires_at"`
	Roles     []roleRef  `json:"roles"`
	// HomeTenantID is the tenant the account belongs to: the key's, or an
	// ancestor's for a member pushed down (its identity is managed there).
	HomeTenantID int64 `json:"home_tenant_id"`
	// SSOIdentity is what an SSO account is bound to since its first
	// sign-in; null before, and for password and service accounts.
	SSOIdentity *ssoIdentity `json:"sso_identity"`
	// Provisioned: the tenant's identity provider created or claimed the
	// person over SCIM; while the tenant is in external mode, their
	// profile, status and deletion are the provider's (409 here).
	Provisioned bool `json:"provisioned"`
}

// ssoIdentity is the provider's issuer and its subject for the person.
type ssoIdentity struct {
	Issuer  string `json:"issuer"`
	Subject string `json:"subject"`
}

// roleRef is a role an account holds and its source: "direct", or "group"
// with the group that gives it.
type roleRef struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Source    string `json:"source"`
	GroupID   int64  `json:"group_id,omitempty"`
	GroupName string `json:"group_name,omitempty"`
	// ExpiresAt ends the direct role or the group membership giving it.
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

func toUser(a store.Account, held []store.HeldRole) userJSON {
	u := userJSON{ID: a.ID, Kind: a.Kind, Login: a.Login, Email: a.Email, FirstName: a.FirstName, LastName: a.LastName,
		Status: a.Status, Auth: a.AuthMethod, UserType: a.UserType, Language: a.Language, TimeZone: a.TimeZone,
		Currency: a.Currency, CreatedAt: a.CreatedAt, Roles: []roleRef{}, HomeTenantID: a.TenantID, Provisioned: a.SCIMManaged}
	if a.Kind == "service" {
		u.Auth = "api_key" // an application never signs in; it calls with its keys
	}
	if a.AuthMethod == "sso" && a.SSOSubject != "" {
		u.SSOIdentity = &ssoIdentity{Issuer: a.SSOIssuer, Subject: a.SSOSubject}
	}
	if !a.LastActiveAt.IsZero() {
		t := a.LastActiveAt
		u.LastActiveAt = &t
	}
	if !a.LastSignInAt.IsZero() {
		t := a.LastSignInAt
		u.LastSignInAt = &t
	}
	if !a.ExpiresAt.IsZero() {
		t := a.ExpiresAt
		u.ExpiresAt = &t
	}
	for _, h := range held {
		r := roleRef{ID: h.RoleID, Name: h.Name, Source: "direct"}
		if !h.ExpiresAt.IsZero() {
			t := h.ExpiresAt
			r.ExpiresAt = &t
		}
		if h.GroupID != 0 {
			r.Source, r.GroupID, r.GroupName = "group", h.GroupID, h.GroupName
		}
		u.Roles = append(u.Roles, r)
	}
	return u
}

// user reads one account of the caller's tenant (a home person or a member)
// with its roles there.
func (a *API) user(ctx context.Context, tenantID, id int64) (userJSON, error) {
	p, err := a.store.Person(ctx, tenantID, id)
	if err != nil {
		return userJSON{}, err
	}
	acct := p.Account
	held, err := a.store.HeldRoles(ctx, tenantID, id)
	if err != nil {
		return userJSON{}, err
	}
	return toUser(acct, held), nil
}
