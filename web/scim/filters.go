package scim

import (
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/scim/filter"
)

// emailPresent: every person has an email; the condition stays honest
// should one ever be empty.
const emailPresent = "a.email IS NOT NULL AND a.email <> ''"

const displayExpr = "trim(a.first_name || ' ' || a.last_name)"

// userFilters is the whitelist of User attributes a filter may name, over
// the accounts alias a. userName compares case-folded logins (Unicode,
// store.LoginKey) and eq uses the index on (tenant_id, login_key);
// externalId is case-exact.
var userFilters = filter.Schema{
	"username":          {Expr: "a.login_key", Type: filter.String, CaseExact: true, Value: loginKey},
	"name.givenname":    {Expr: "a.first_name", Type: filter.String},
	"name.familyname":   {Expr: "a.last_name", Type: filter.String},
	"name.formatted":    {Expr: displayExpr, Type: filter.String},
	"displayname":       {Expr: displayExpr, Type: filter.String},
	"emails.value":      {Expr: "a.email", Type: filter.String, Present: emailPresent},
	"emails.type":       {Const: "work", Type: filter.String, Present: emailPresent},
	"emails.primary":    {Const: true, Type: filter.Boolean, Present: emailPresent},
	"externalid":        {Expr: "a.external_id", Type: filter.String, CaseExact: true},
	"active":            {Expr: "CASE WHEN a.status = 'active' THEN 1 ELSE 0 END", Type: filter.Boolean},
	"timezone":          {Expr: "a.time_zone", Type: filter.String, CaseExact: true},
	"id":                {Expr: "a.id", Type: filter.Reference},
	"meta.created":      {Expr: "a.created_at", Type: filter.DateTime},
	"meta.lastmodified": {Expr: "a.updated_at", Type: filter.DateTime},
}

// groupFilters is the whitelist of Group attributes, over the groups alias g.
var groupFilters = filter.Schema{
	"displayname":       {Expr: "g.name", Type: filter.String},
	"externalid":        {Expr: "g.external_id", Type: filter.String, CaseExact: true},
	"id":                {Expr: "g.id", Type: filter.Reference},
	"members.value":     {Expr: "gm.account_id", Type: filter.Reference, Exists: membersExists},
	"meta.created":      {Expr: "g.created_at", Type: filter.DateTime},
	"meta.lastmodified": {Expr: "(CASE WHEN g.updated_at > g.created_at THEN g.updated_at ELSE g.created_at END)", Type: filter.DateTime},
}

const membersExists = "EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND %s)"

// loginKey folds a userName filter's value as logins are kept folded.
func loginKey(v string) (any, error) { return store.LoginKey(v), nil }
