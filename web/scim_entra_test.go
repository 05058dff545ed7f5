package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const patchOp = `"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]`

// q escapes a filter for a query string.
func q(filter string) string { return url.QueryEscape(filter) }

// TestSCIMEntraIDUsers replays, request by request, Microsoft Entra ID's
// provisioning of a person as its SCIM validator and its provisioning
// service send them ("Tutorial: Develop and plan provisioning for a SCIM
// endpoint").
func TestSCIMEntraIDUsers(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	const upn = "Test_User_dfeef4c5@contoso.com"

	// Entra ID: the lookup before creating finds nobody: 200, totalResults 0, Resources [].
	r := env.do("GET", "/Users?filter="+q(`userName eq "`+upn+`"`), "").want(t, http.StatusOK)
	if r.total() != 0 || len(r.resources(t)) != 0 {
		t.Fatalf("Entra ID lookup of an absent userName: %s", r.raw)
	}

	// Entra ID: POST with the enterprise extension, roles, meta and a displayName.
	r = env.do("POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
		"externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"`+upn+`","active":true,
		"emails":[{"primary":true,"type":"work","value":"Test_User_11bb6cd2@Contoso.com"}],
		"meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
		"roles":[],"displayName":"ignored","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"1"}}`).want(t, http.StatusCreated)
	id := r.str("id")
	if id == "" || r.header.Get("Location") != env.srv.URL+"/scim/v2/Users/"+id || r.str("meta.location") != r.header.Get("Location") {
		t.Fatalf("Entra ID create: id %q, Location %q, meta %v", id, r.header.Get("Location"), r.at("meta"))
	}
	if r.str("userName") != upn || r.str("emails.0.value") != "test_user_11bb6cd2@contoso.com" || r.at("active") != true ||
		r.str("externalId") != "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef" || r.str("displayName") != "givenName familyName" ||
		r.str("meta.resourceType") != "User" || r.at("password") != nil {
		t.Fatalf("Entra ID create answered %s", r.raw)
	}

	// Entra ID: GET by id, then the lookup by userName in another case finds it.
	env.do("GET", "/Users/"+id, "").want(t, http.StatusOK)
	r = env.do("GET", "/Users?filter="+q(`userName eq "`+strings.ToUpper(upn)+`"`), "").want(t, http.StatusOK)
	if r.total() != 1 || r.str("Resources.0.id") != id {
		t.Fatalf("Entra ID lookup by userName: %s", r.raw)
	}
	// Entra ID: the lookup by externalId is case-exact.
	r = env.do("GET", "/Users?filter="+q(`externalId eq "0A21F0F2-8D2A-4F8E-BF98-7363C4AED4EF"`), "").want(t, http.StatusOK)
	if r.total() != 0 {
		t.Fatalf("externalId matched in another case: %s", r.raw)
	}

	steps := []struct {
		name, ops string
		check     func(r scimRes) bool
	}{
		{"Entra ID: replace active with the string \"False\"", `[{"op":"Replace","path":"active","value":"False"}]`,
			func(r scimRes) bool { return r.at("active") == false }},
		{"Entra ID: pathless replace with dotted keys", `[{"op":"replace","value":{"name.givenName":"Ada","name.familyName":"Lovelace","active":true}}]`,
			func(r scimRes) bool {
				return r.str("name.givenName") == "Ada" && r.str("name.familyName") == "Lovelace" && r.at("active") == true && r.str("displayName") == "Ada Lovelace"
			}},
		{"Entra ID: replace emails[type eq \"work\"].value", `[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"Ada@Contoso.com"}]`,
			func(r scimRes) bool {
				return r.str("emails.0.value") == "ada@contoso.com" && len(r.at("emails").([]any)) == 1
			}},
		{"Entra ID: Add externalId and preferredLanguage", `[{"op":"Add","path":"externalId","value":"NEW-ext"},{"op":"Add","path":"preferredLanguage","value":"fr-FR"}]`,
			func(r scimRes) bool { return r.str("externalId") == "NEW-ext" && r.str("preferredLanguage") == "fr" }},
		{"Entra ID: an enterprise attribute is accepted and ignored", `[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"R&D"}]`,
			func(r scimRes) bool { return r.str("name.givenName") == "Ada" }},
	}
	for _, s := range steps {
		r := env.do("PATCH", "/Users/"+id, `{`+patchOp+`,"Operations":`+s.ops+`}`).want(t, http.StatusOK)
		if !s.check(r) {
			t.Fatalf("%s: answered %s", s.name, r.raw)
		}
		if g := env.do("GET", "/Users/"+id, "").want(t, http.StatusOK); !s.check(g) {
			t.Fatalf("%s: not stored, GET gives %s", s.name, g.raw)
		}
	}

	// Entra ID: the emails[type eq "work"].value filter it uses for matching.
	r = env.do("GET", "/Users?filter="+q(`emails[type eq "work"].value eq "ADA@contoso.com"`), "").want(t, http.StatusOK)
	if r.total() != 1 {
		t.Fatalf("Entra ID matching on the work email: %s", r.raw)
	}

	// Entra ID: DELETE deactivates by default; the person stays readable and filterable.
	env.do("DELETE", "/Users/"+id, "").want(t, http.StatusNoContent)
	r = env.do("GET", "/Users/"+id, "").want(t, http.StatusOK)
	if r.at("active") != false {
		t.Fatalf("after DELETE: %s", r.raw)
	}
	r = env.do("GET", "/Users?filter="+q(`active eq false and userName eq "`+upn+`"`), "").want(t, http.StatusOK)
	if r.total() != 1 {
		t.Fatalf("deactivated person not found by active eq false: %s", r.raw)
	}
	// Entra ID probes with a random GUID: 404 with a SCIM error body.
	env.do("GET", "/Users/6a1c3f7e-0000-4000-8000-000000000000", "").want(t, http.StatusNotFound)
}

// TestSCIMEntraIDGroups replays Entra ID's group provisioning: the lookup by
// displayName without members, create, add members without type, remove
// by value list and by filter without value.
func TestSCIMEntraIDGroups(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	u1, u2, u3 := env.createUser("u1"), env.createUser("u2"), env.createUser("u3")

	r := env.do("GET", "/Groups?excludedAttributes=members&filter="+q(`displayName eq "Group1DisplayName"`), "").want(t, http.StatusOK)
	if r.total() != 0 || len(r.resources(t)) != 0 {
		t.Fatalf("Entra ID group lookup: %s", r.raw)
	}
	r = env.do("POST", "/Groups", `{"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Group1DisplayName",
		"meta":{"resourceType":"Group"},"members":[],"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}`).want(t, http.StatusCreated)
	gid := r.str("id")
	if r.str("displayName") != "Group1DisplayName" || r.str("externalId") != "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159" {
		t.Fatalf("Entra ID group create: %s", r.raw)
	}
	members := func() []string {
		t.Helper()
		g := env.do("GET", "/Groups/"+gid, "").want(t, http.StatusOK)
		var ids []string
		for _, m := range g.resourcesOr("members") {
			ids = append(ids, m.(map[string]any)["value"].(string))
		}
		return ids
	}
	steps := []struct {
		name, ops string
		want      []string
	}{
		{"Entra ID: Add members without type", `[{"op":"Add","path":"members","value":[{"value":"` + u1 + `"},{"value":"` + u2 + `"},{"value":"` + u3 + `"}]}]`, []string{u1, u2, u3}},
		{"Entra ID: Remove members with a value list", `[{"op":"Remove","path":"members","value":[{"value":"` + u1 + `"}]}]`, []string{u2, u3}},
		{"Entra ID: remove members[value eq id] with no value", `[{"op":"Remove","path":"members[value eq \"` + u2 + `\"]"}]`, []string{u3}},
		{"Entra ID: removing a member already gone succeeds", `[{"op":"Remove","path":"members","value":[{"value":"` + u1 + `"}]}]`, []string{u3}},
		{"Entra ID: Replace displayName", `[{"op":"Replace","path":"displayName","value":"Renamed"}]`, []string{u3}},
	}
	for _, s := range steps {
		env.do("PATCH", "/Groups/"+gid, `{`+patchOp+`,"Operations":`+s.ops+`}`).want(t, http.StatusNoContent)
		if got := members(); strings.Join(got, ",") != strings.Join(s.want, ",") {
			t.Fatalf("%s: members %v, want %v", s.name, got, s.want)
		}
	}
	r = env.do("GET", "/Groups?excludedAttributes=members&filter="+q(`displayName eq "renamed"`), "").want(t, http.StatusOK)
	if r.total() != 1 || r.at("Resources.0.members") != nil || r.str("Resources.0.id") != gid {
		t.Fatalf("Entra ID lookup by displayName with excludedAttributes=members: %s", r.raw)
	}
	r = env.do("GET", "/Groups/"+gid+"?excludedAttributes=members", "").want(t, http.StatusOK)
	if r.at("members") != nil || r.str("displayName") != "Renamed" {
		t.Fatalf("excludedAttributes=members on GET by id: %s", r.raw)
	}
	r = env.do("GET", "/Groups?filter="+q(`members[value eq "`+u3+`"]`), "").want(t, http.StatusOK)
	if r.total() != 1 {
		t.Fatalf("groups of a member: %s", r.raw)
	}
	r = env.do("GET", "/Users/"+u3, "").want(t, http.StatusOK)
	if r.str("groups.0.value") != gid || r.str("groups.0.display") != "Renamed" {
		t.Fatalf("the user's groups: %s", r.raw)
	}
	env.do("DELETE", "/Groups/"+gid, "").want(t, http.StatusNoContent)
	env.do("GET", "/Groups/"+gid, "").want(t, http.StatusNotFound)
}

// resourcesOr is the list at key of r's body, or none.
func (r scimRes) resourcesOr(key string) []any {
	l, _ := r.body[key].([]any)
	return l
}
