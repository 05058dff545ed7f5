package views

import (
	"context"

	"github.com/console-dev/console/i18n"
)

// Roles is the roles page's view model: the tenant's own roles, then the built-ins.
type Roles struct {
	Custom  []RoleRow
	Builtin []RoleRow
	Notice  string      // message key of a change just made, or ""
	Dialog  *RoleDialog // a delete waiting for confirmation, or nil
}

// RoleRow is one role of the roles page; Name is already translated for built-ins.
type RoleRow struct {
	ID          int64
	Name        string
	Description string
	Builtin     bool
	Perms       []PermGroup
	Holders     int // accounts holding it, directly or through a group
}

// PermGroup is one area of a role's permissions, as the roles list shows them.
type PermGroup struct {
	Area  string // the area: users, projects... or modules, other
	Items []PermItem
}

// PermItem is a permission shown by its catalog key (translated) or, for a
// module or an unknown permission, by Label as it stands.
type PermItem struct {
	Key   string // "users_view" for users.view; "" when Label says it all
	Label string
}

// RoleForm is the create and edit role form; Errors are keyed by field name.
type RoleForm struct {
	ID          int64 // 0 when creating
	Name        string
	Title       string // the role's saved name, for the heading of the edit page
	Description string
	Areas       []PermArea
	Modules     []ModuleOption
	Users       int // how many hold the role directly, when editing
	Groups      int // how many groups give it
	Errors      map[string]string
	Alert       string // a form-level refusal, translated
}

// PermArea is one fieldset of the role form.
type PermArea struct {
	Area  string
	Perms []PermOption
}

// PermOption is one permission checkbox: Value "users.view", Key "users_view".
type PermOption struct {
	Value   string
	Key     string
	Checked bool
}

// ModuleOption is one module checkbox of the role form.
type ModuleOption struct {
	Key         string
	Name        string
	Description string
	Checked     bool
}

// Err returns the message for field, or "".
func (f RoleForm) Err(field string) string { return f.Errors[field] }

// RoleDialog asks to confirm a delete, or says why it was refused. The roles
// and the modules pages share it; its strings come translated.
type RoleDialog struct {
	Title   string
	Message string
	Alert   string // a refusal; then there is nothing to confirm
	Action  string // where "delete anyway" posts, with confirm=1
	Target  string // the element htmx swaps the answer into
	Submit  string
	Cancel  string // the page to go back to
}

// Modules is the modules page's view model.
type Modules struct {
	Rows   []ModuleRow
	Notice string
	Dialog *RoleDialog
}

// ModuleRow is one module, with the (translated) names of the roles granting it.
type ModuleRow struct {
	ID          int64
	Key         string
	Name        string
	Description string
	Roles       []string
}

// ModuleForm is the create and edit module form.
type ModuleForm struct {
	ID          int64
	Key         string
	Name        string
	Title       string // the module's saved name, for the heading of the edit page
	Description string
	Errors      map[string]string
}

// Err returns the message for field, or "".
func (f ModuleForm) Err(field string) string { return f.Errors[field] }

// PermKey turns a permission into its message key part: users.view → users_view.
func PermKey(p string) string { return i18n.PermKey(p) }

func roleURL(id int64, suffix string) string   { return "/roles/" + idStr(id) + suffix }
func moduleURL(id int64, suffix string) string { return "/modules/" + idStr(id) + suffix }

// permLabel is a permission's short name in the viewer's language.
func permLabel(ctx context.Context, it PermItem) string {
	if it.Key == "" {
		return it.Label
	}
	return T(ctx, "perm_"+it.Key)
}

// permTitle is the one-line description a permission chip shows on hover.
func permTitle(ctx context.Context, it PermItem) string {
	if it.Key == "" {
		return it.Label
	}
	return T(ctx, "perm_"+it.Key+"_desc")
}

// singular tells whether n takes the singular: English says "0 users", French "0 utilisateur".
func singular(ctx context.Context, n int) bool {
	if Req(ctx).Lang == "fr" {
		return n < 2
	}
	return n == 1
}

// CountUsers says "3 users" in the viewer's language.
func CountUsers(ctx context.Context, n int) string {
	if singular(ctx, n) {
		return T(ctx, "roles_n_users_one", map[string]any{"N": n})
	}
	return T(ctx, "roles_n_users_other", map[string]any{"N": n})
}

// CountGroups says "2 groups" in the viewer's language.
func CountGroups(ctx context.Context, n int) string {
	if singular(ctx, n) {
		return T(ctx, "roles_n_groups_one", map[string]any{"N": n})
	}
	return T(ctx, "roles_n_groups_other", map[string]any{"N": n})
}

// roleFormTitle heads the role form: "New role", or "Edit role: name".
func roleFormTitle(ctx context.Context, f RoleForm) string {
	if f.ID == 0 {
		return T(ctx, "roles_new")
	}
	return T(ctx, "roles_edit_title", map[string]any{"Name": f.Title})
}

// moduleFormTitle heads the module form.
func moduleFormTitle(ctx context.Context, f ModuleForm) string {
	if f.ID == 0 {
		return T(ctx, "modules_new")
	}
	return T(ctx, "modules_edit_title", map[string]any{"Name": f.Title})
}

// focus names the field that takes the keyboard: the first in error, else the name.
func (f RoleForm) focus() string { return roleFirstErr(f.Errors, "name", "description") }

// focus names the field that takes the keyboard: the first in error, else the
// first field (the key when creating, the name when editing).
func (f ModuleForm) focus() string {
	if f.ID == 0 {
		return roleFirstErr(f.Errors, "key", "name", "description")
	}
	return roleFirstErr(f.Errors, "name", "description")
}

func roleFirstErr(errs map[string]string, fields ...string) string {
	for _, f := range fields {
		if errs[f] != "" {
			return f
		}
	}
	return fields[0]
}
