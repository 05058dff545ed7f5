package filter

import (
	"strconv"
	"strings"
	"testing"
)

// Multi-valued attributes kept in another table: a value path is one
// element, while two comparisons outside one may hold on different elements.
func TestEmailsInTheirOwnTable(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", emailsApart, []selectCase{
		{"RFC 7644's example holds on one element: bob's example.com address is his home one", `emails[type eq "work" and value co "@example.com"]`, []int64{1, 4}},
		{"outside a value path each comparison may hold on another element", `emails.type eq "work" and emails.value co "@example.com"`, []int64{1, 2, 4}},
		{"Entra ID matching on emails[type eq \"work\"].value", `emails[type eq "work"].value ew "other.org"`, []int64{2}},
		{"the value path's filter picks the element the sub-attribute is compared on", `emails[type eq "home"].value ew "example.com"`, []int64{2}},
		{"a value path on a boolean", `emails[primary eq true]`, []int64{1, 2}},
		{"home emails", `emails[type eq "home"]`, []int64{1, 2}},
		{"or inside a value path", `emails[value eq "alice@home.net" or value eq "dan@example.com"]`, []int64{1, 4}},
		{"ne outside a value path: no email equals it", `emails.value ne "alice@home.net"`, []int64{2, 3, 4, 5}},
		{"ne inside a value path: some email differs", `emails[value ne "alice@home.net"]`, []int64{1, 2, 4}},
		{"pr: has an email", `emails.value pr`, []int64{1, 2, 4}},
		{"not pr: has none", `not (emails.value pr)`, []int64{3, 5}},
	})
}

func TestGroupMembers(t *testing.T) {
	t.Parallel()
	runSelect(t, "groups g", "g.id", groups, []selectCase{
		{"Okta and Entra ID look a group up by displayName, whatever its case", `displayName eq "admins"`, []int64{10}},
		{"members[value eq id]", `members[value eq "1"]`, []int64{10}},
		{"members.value eq id", `members.value eq "3"`, []int64{11}},
		{"Entra ID checks membership with id eq and members eq", `id eq "10" and members eq "2"`, []int64{10}},
		{"the same membership check on the wrong group", `id eq "11" and members eq "2"`, []int64{}},
		{"or inside members[]", `members[value eq "1" or value eq "3"]`, []int64{10, 11}},
		{"a member id that is not ours matches nothing", `members[value eq "not-a-number"]`, []int64{}},
		{"members pr: groups with members", `members pr`, []int64{10, 11}},
		{"not (members pr): empty groups", `not (members pr)`, []int64{12}},
		{"members.value ne: groups without that member", `members.value ne "1"`, []int64{11, 12}},
		{"members[value ne]: groups with another member", `members[value ne "1"]`, []int64{10, 11}},
	})
}

// An attribute's own conversion: members.value given as the console's
// "u-<n>" ids; another form is not one of ours and matches nothing.
func TestOwnConversion(t *testing.T) {
	t.Parallel()
	s := Schema{"members.value": {Expr: "gm.account_id", Type: Reference,
		Exists: "EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND %s)",
		Value: func(v string) (any, error) {
			n, ok := strings.CutPrefix(v, "u-")
			if !ok {
				return nil, ErrNoMatch
			}
			return strconv.ParseInt(n, 10, 64)
		}}}
	runSelect(t, "groups g", "g.id", s, []selectCase{
		{"the converted id", `members[value eq "u-3"]`, []int64{11}},
		{"an id of another form matches nothing rather than failing (Entra ID probes with GUIDs)", `members[value eq "3"]`, []int64{}},
		{"ne an id of another form: no group has it", `members.value ne "3"`, []int64{10, 11, 12}},
	})
}
