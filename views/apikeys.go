package views

import (
	"context"
	"strings"
	"time"
)

// Keys is an account's API keys: the list, the create form and, right after
// creating one, its secret (shown this once).
type Keys struct {
	Base      string // the keys' address: /account/keys or /accounts/{id}/keys
	Rows      []KeyRow
	Name      string
	Expires   string
	Errors    map[string]string
	NewKey    string // the whole key, only in the answer that created it
	NewName   string
	Notice    string // message key
	CanCreate bool
}

// Err is the message for field, if any.
func (k Keys) Err(field string) string { return k.Errors[field] }

// KeyRow is one key in the list.
type KeyRow struct {
	ID       int64
	Name     string
	Prefix   string
	Created  time.Time
	LastUsed time.Time // zero: never
	Expires  time.Time // zero: never
	Status   string    // active, expired, revoked
	// Ceiling bounds the key: its creator's permissions when someone else
	// made it; nil when the key has its account's whole access.
	Ceiling   []string
	RevokeURL string
}

// AccountKeys is the page of one account's keys: a person's own, or any
// account's for an administrator.
type AccountKeys struct {
	Own         bool
	AccountName string
	Kind        string
	BackURL     string
	Keys        Keys
}

// ServiceAccounts is the service-accounts page: the list and the create form.
type ServiceAccounts struct {
	Rows   []ServiceAccountRow
	Form   ServiceForm
	Notice string
}

// ServiceAccountRow is one service account in the list.
type ServiceAccountRow struct {
	ID          int64
	Name        string
	Login       string
	Description string
	Status      string
	ActiveKeys  int
	Created     time.Time
}

// ServiceForm is the create-service-account form.
type ServiceForm struct {
	Name        string
	Description string
	Roles       []Option
	Groups      []Option
	Errors      map[string]string
}

// Err is the message for field, if any.
func (f ServiceForm) Err(field string) string { return f.Errors[field] }

// ServiceAccountView is one service account's page.
type ServiceAccountView struct {
	ID           int64
	Name         string
	Login        string
	Description  string
	Status       string
	Roles        []string // every role held, with its source
	RoleOptions  []Option // the direct roles, to tick
	GroupsHeld   []Option // the groups it is in (Value is the group id)
	GroupOptions []Option // the tenant's other groups, to add it to
	RolesAlert   string   // why a role switch was refused
	RolesSaved   bool
	GroupsAlert  string // why a group change was refused
	GroupsSaved  string // what the group change did
	Alert        string
	Notice       string
	Keys         Keys
}

func invalidAttr(msg string) string {
	if msg != "" {
		return "true"
	}
	return "false"
}

// describedBy is id when msg (the element it names) is shown, else nothing,
// so no attribute points at an element that is not there.
func describedBy(msg, id string) string {
	if msg == "" {
		return ""
	}
	return id
}

// ceilingLabel names a permission of a key's ceiling in the viewer's language.
func ceilingLabel(ctx context.Context, perm string) string {
	if module, ok := strings.CutPrefix(perm, "module:"); ok {
		return T(ctx, "keys_ceiling_module", map[string]any{"Key": module})
	}
	return T(ctx, "perm_"+PermKey(perm))
}
