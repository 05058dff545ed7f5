package filter

import "testing"

func TestUsersOperators(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"Okta, Entra ID, OneLogin, JumpCloud look a person up by userName, whatever its case", `userName eq "ALICE"`, []int64{1}},
		{"operator and attribute names are case-insensitive", `USERNAME EQ "bob"`, []int64{2}},
		{"the core URN prefix is accepted (Entra ID with full attribute names)", `urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob"`, []int64{2}},
		{"a sub-attribute", `name.givenName sw "a"`, []int64{1}},
		{"sw is a prefix, case-insensitive", `userName sw "B"`, []int64{2}},
		{"ew is a suffix, case-insensitive", `emails.value ew "@EXAMPLE.com"`, []int64{1, 2}},
		{"co with a literal percent matches only logins holding one", `userName co "%"`, []int64{3}},
		{"co with a literal underscore is not a wildcard", `userName co "_"`, []int64{4}},
		{"sw keeps the percent literal", `userName sw "car%"`, []int64{3}},
		{"co with a JSON-escaped backslash matches a literal backslash", `userName co "\\"`, []int64{5}},
		{"a JSON escape in the value is decoded", `userName eq "\u0062ob"`, []int64{2}},
		{"a value quoting SQL stays a value", `userName eq "x' OR '1'='1"`, []int64{}},
		{"gt on a string is lexicographic", `userName gt "c"`, []int64{3, 4, 5}},
		{"le on a string", `userName le "bob"`, []int64{1, 2}},
		{"pr: an empty string is no value", `emails.value pr`, []int64{1, 2, 4}},
		{"emails compared without sub-attribute means emails.value (RFC 7644 §3.4.2.2)", `emails co "example"`, []int64{1, 2}},
	})
}

func TestUsersCaseExact(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"Entra ID matches on externalId, which is caseExact", `externalId eq "ext-1"`, []int64{3}},
		{"caseExact sw does not fold case (SQLite's LIKE would)", `externalId sw "EXT"`, []int64{1}},
		{"caseExact sw, lower case", `externalId sw "ext"`, []int64{3}},
		{"caseExact ew", `externalId ew "T-1"`, []int64{1}},
		{"caseExact co", `externalId co "XT"`, []int64{1}},
		{"caseExact co with a percent is literal", `externalId co "%"`, []int64{}},
		{"caseExact ew longer than the value", `externalId ew "LONGER-EXT-1"`, []int64{}},
	})
}

func TestUsersMissingValues(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"ne includes rows without a value (NULL or empty)", `externalId ne "EXT-1"`, []int64{2, 3, 4, 5}},
		{"not eq is the same as ne", `not (externalId eq "EXT-1")`, []int64{2, 3, 4, 5}},
		{"pr: NULL and empty are absent", `externalId pr`, []int64{1, 3}},
		{"not pr returns the rows without it", `not (externalId pr)`, []int64{2, 4, 5}},
		{"not of a sw includes the NULL given names", `not (name.givenName sw "a")`, []int64{2, 3, 4, 5}},
		{"ne on a case-insensitive string", `userName ne "ALICE"`, []int64{2, 3, 4, 5}},
		{"ne on a nullable case-insensitive string includes NULL", `name.givenName ne "alice"`, []int64{2, 3, 4, 5}},
	})
}

func TestUsersBooleans(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"Okta and Entra ID filter on active", `active eq true`, []int64{1, 3, 4}},
		{"active eq false", `active eq false`, []int64{2, 5}},
		{"a quoted boolean in any case is accepted (clients that send \"False\")", `active eq "False"`, []int64{2, 5}},
		{"ne true", `active ne true`, []int64{2, 5}},
		{"pr on a boolean", `active pr`, []int64{1, 2, 3, 4, 5}},
	})
}

func TestUsersDateTime(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"RFC 7644's example: meta.lastModified gt", `meta.lastModified gt "2011-05-13T04:42:34Z"`, []int64{2, 4}},
		{"ge includes the instant", `meta.lastModified ge "2011-05-13T04:42:34Z"`, []int64{1, 2, 4}},
		{"lt", `meta.lastModified lt "2011-05-13T04:42:34Z"`, []int64{3, 5}},
		{"le", `meta.lastModified le "2011-05-13T04:42:34Z"`, []int64{1, 3, 5}},
		{"eq with another offset is the same instant", `meta.lastModified eq "2011-05-13T06:42:34+02:00"`, []int64{1}},
		{"ne", `meta.lastModified ne "2011-05-13T04:42:34Z"`, []int64{2, 3, 4, 5}},
		{"gt half a second later: stored whole seconds after it", `meta.lastModified gt "2011-05-13T04:42:34.5Z"`, []int64{2, 4}},
		{"ge half a second later: same as gt", `meta.lastModified ge "2011-05-13T04:42:34.5Z"`, []int64{2, 4}},
		{"lt half a second later includes its second", `meta.lastModified lt "2011-05-13T04:42:34.5Z"`, []int64{1, 3, 5}},
		{"le half a second later includes its second", `meta.lastModified le "2011-05-13T04:42:34.5Z"`, []int64{1, 3, 5}},
		{"eq a fraction of a second never holds on whole seconds", `meta.lastModified eq "2011-05-13T04:42:34.5Z"`, []int64{}},
	})
}

func TestUsersIDs(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"id eq, as ids are sent: a string", `id eq "3"`, []int64{3}},
		{"id eq as a JSON number", `id eq 3`, []int64{3}},
		{"an id that is not ours matches nothing, no error (Entra ID's probe with a random GUID)", `id eq "6a1c3f7e-0000-4000-8000-000000000000"`, []int64{}},
		{"a non-canonical id is not ours", `id eq "03"`, []int64{}},
		{"ne an id that is not ours matches every row", `id ne "abc"`, []int64{1, 2, 3, 4, 5}},
		{"ne an id", `id ne "3"`, []int64{1, 2, 4, 5}},
	})
}

func TestUsersPrecedence(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"and binds tighter than or: A or (B and C)", `userName eq "bob" or userName eq "alice" and active eq true`, []int64{1, 2}},
		{"and binds tighter than or: (A and B) or C", `active eq false and userName eq "alice" or userName eq "dan_x"`, []int64{4}},
		{"parentheses group an or", `(userName eq "bob" or userName eq "alice") and active eq true`, []int64{1}},
		{"parentheses that repeat the precedence change nothing", `userName eq "bob" or (userName eq "alice" and active eq true)`, []int64{1, 2}},
		{"not applies to its parentheses only", `not (active eq true) and userName sw "b"`, []int64{2}},
		{"not of an or", `not (userName eq "alice" or userName eq "bob")`, []int64{3, 4, 5}},
		{"a long or chain", `id eq "1" or id eq "3" or id eq "5"`, []int64{1, 3, 5}},
		{"nested parentheses", `((userName eq "alice") or ((userName eq "bob")))`, []int64{1, 2}},
	})
}

func TestUsersEmailValuePaths(t *testing.T) {
	t.Parallel()
	runSelect(t, "accounts a", "a.id", users, []selectCase{
		{"RFC 7644's example: emails[type eq \"work\" and value co \"@example.com\"]", `emails[type eq "work" and value co "@example.com"]`, []int64{1, 2}},
		{"Entra ID matching on emails[type eq \"work\"].value", `emails[type eq "work"].value eq "dan@other.org"`, []int64{4}},
		{"a sub-attribute after a value path with ne", `emails[type eq "work"].value ne "dan@other.org"`, []int64{1, 2}},
		{"a value path without sub-attribute: the element exists", `emails[primary eq true]`, []int64{1, 2, 4}},
		{"no account has a home email", `emails[type eq "home"]`, []int64{}},
		{"not inside a value path still needs the element", `emails[not (type eq "home")]`, []int64{1, 2, 4}},
		{"emails.type ne work: the accounts without an email", `emails.type ne "work"`, []int64{3, 5}},
		{"emails.type eq work outside a value path", `emails.type eq "WORK"`, []int64{1, 2, 4}},
		{"emails.type co", `emails.type co "or"`, []int64{1, 2, 4}},
		{"not of a value path", `not (emails[type eq "work"])`, []int64{3, 5}},
		{"a value path in a larger filter", `userName eq "bob" and emails[value ew "example.com"]`, []int64{2}},
		{"value paths joined by or", `emails[value eq "dan@other.org"] or emails[value eq "bob@example.com"]`, []int64{2, 4}},
		{"a bracket inside a value is no value path", `userName eq "a[b].c"`, []int64{}},
	})
}
