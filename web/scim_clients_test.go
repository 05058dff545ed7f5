package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestSCIMOtherClients replays what OneLogin, JumpCloud, authentik and
// Keycloak's SCIM plugin send where they differ from Entra ID and Okta.
func TestSCIMOtherClients(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	uid := env.createUser("other1")
	u2 := env.createUser("other2")
	g := env.do("POST", "/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team","members":[{"value":"`+uid+`"}]}`).
		want(t, http.StatusCreated)
	gid := g.str("id")
	cases := []struct {
		name, path, ops string
		check           func(r scimRes) bool
	}{
		{"OneLogin: a null sub-attribute removes it", "/Users/" + uid,
			`[{"op":"replace","value":{"name":{"givenName":"One","familyName":null}}}]`,
			func(r scimRes) bool { return r.str("name.givenName") == "One" && r.at("name.familyName") == nil }},
		{"JumpCloud: ops in any case (REPLACE)", "/Users/" + uid, `[{"op":"REPLACE","path":"name.familyName","value":"Cloud"}]`,
			func(r scimRes) bool { return r.str("name.familyName") == "Cloud" }},
		{"JumpCloud: a boolean primary sent as a string", "/Users/" + uid,
			`[{"op":"replace","path":"emails","value":[{"value":"work@acme.test","type":"work"},{"value":"Jump@Acme.test","type":"other","primary":"True"}]}]`,
			func(r scimRes) bool { return r.str("emails.0.value") == "jump@acme.test" }},
		{"preferredLanguage en", "/Users/" + uid, `[{"op":"replace","path":"preferredLanguage","value":"en-GB"}]`,
			func(r scimRes) bool { return r.str("preferredLanguage") == "en" }},
		{"Keycloak plugin: replace timezone and locale over a stored language", "/Users/" + uid,
			`[{"op":"replace","path":"timezone","value":"Europe/Paris"},{"op":"replace","path":"locale","value":"fr_FR"}]`,
			func(r scimRes) bool { return r.str("timezone") == "Europe/Paris" && r.str("preferredLanguage") == "fr" }},
	}
	for _, c := range cases {
		r := env.do("PATCH", c.path, `{`+patchOp+`,"Operations":`+c.ops+`}`).want(t, http.StatusOK)
		if !c.check(r) {
			t.Fatalf("%s: %s", c.name, r.raw)
		}
	}
	// authentik: Remove of a member that is not there succeeds and keeps the others.
	env.do("PATCH", "/Groups/"+gid, `{`+patchOp+`,"Operations":[{"op":"Remove","path":"members","value":[{"value":"`+u2+`"}]}]}`).
		want(t, http.StatusNoContent)
	// authentik: Add a member in "Add" case; with attributes asked, 200 with the group.
	r := env.do("PATCH", "/Groups/"+gid+"?attributes=members", `{`+patchOp+`,"Operations":[{"op":"Add","path":"members","value":[{"value":"`+u2+`"}]}]}`).
		want(t, http.StatusOK)
	if len(r.resourcesOr("members")) != 2 || r.at("displayName") != nil || r.str("id") != gid {
		t.Fatalf("authentik add member, attributes=members: %s", r.raw)
	}
	// Keycloak plugin: PUT of the whole user without active keeps it active.
	r = env.do("PUT", "/Users/"+uid, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"other1",
		"name":{"givenName":"Key","familyName":"Cloak"},"emails":[{"value":"key@acme.test"}]}`).want(t, http.StatusOK)
	if r.at("active") != true || r.str("emails.0.value") != "key@acme.test" || r.str("timezone") != "" {
		t.Fatalf("Keycloak PUT: %s", r.raw)
	}
}

// TestSCIMRefusals: what clients get wrong is a 4xx SCIM error of the right
// scimType, never a 5xx (IdPs retry those forever).
func TestSCIMRefusals(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	uid := env.createUser("ref1")
	env.createUser("ref2")
	gid := env.do("POST", "/Groups", `{"displayName":"G"}`).want(t, http.StatusCreated).str("id")
	user := func(login, email string) string {
		return `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"` + login + `","emails":[{"value":"` + email + `"}]}`
	}
	patch := func(ops string) string { return `{` + patchOp + `,"Operations":` + ops + `}` }
	cases := []struct {
		name, method, path, ctype, body string
		status                          int
		scimType, inDetail              string
	}{
		{"Okta: duplicate userName", "POST", "/Users", "", user("REF1", "x@acme.test"), 409, "uniqueness", "userName"},
		{"Entra ID: duplicate email", "POST", "/Users", "", user("new", "REF2@acme.test"), 409, "uniqueness", "emails"},
		{"an email the console refuses names emails", "POST", "/Users", "", user("new", "not-an-email"), 400, "invalidValue", "emails"},
		{"a userName with a space names userName", "POST", "/Users", "", user("a b", "ab@acme.test"), 400, "invalidValue", "userName"},
		{"a bad timezone names timezone", "PATCH", "/Users/" + uid, "", patch(`[{"op":"replace","path":"timezone","value":"Mars/Base"}]`), 400, "invalidValue", "timezone"},
		{"a changed userName is mutability", "PATCH", "/Users/" + uid, "", patch(`[{"op":"replace","path":"userName","value":"renamed"}]`), 400, "mutability", "userName"},
		{"an unknown member id is 400, not 500", "PATCH", "/Groups/" + gid, "", patch(`[{"op":"add","path":"members","value":[{"value":"999999"}]}]`), 400, "invalidValue", "unknown member"},
		{"a member value that is no id is 400", "PATCH", "/Groups/" + gid, "", patch(`[{"op":"add","path":"members","value":[{"value":"abc"}]}]`), 400, "invalidValue", "unknown member"},
		{"an unknown member on POST /Groups is 400", "POST", "/Groups", "", `{"displayName":"H","members":[{"value":"999999"}]}`, 400, "invalidValue", "unknown member"},
		{"malformed JSON", "POST", "/Users", "", `{"userName":`, 400, "invalidSyntax", ""},
		{"invalid UTF-8", "POST", "/Users", "", "{\"userName\":\"\xff\"}", 400, "invalidSyntax", "UTF-8"},
		{"a PATCH without the PatchOp schema", "PATCH", "/Users/" + uid, "", `{"Operations":[{"op":"replace","path":"active","value":false}]}`, 400, "invalidSyntax", ""},
		{"an unknown op", "PATCH", "/Users/" + uid, "", patch(`[{"op":"merge","path":"active","value":false}]`), 400, "invalidSyntax", ""},
		{"a path to an unknown attribute", "PATCH", "/Users/" + uid, "", patch(`[{"op":"replace","path":"shoeSize","value":"9"}]`), 400, "invalidPath", ""},
		{"a filter on an attribute not stored", "GET", "/Users?filter=" + q(`nickName eq "x"`), "", "", 400, "invalidFilter", ""},
		{"a filter that does not parse", "GET", "/Users?filter=" + q(`userName eq`), "", "", 400, "invalidFilter", ""},
		{"a text content type is 415", "POST", "/Users", "text/plain", user("ct", "ct@acme.test"), 415, "", ""},
		{"an unknown endpoint is a SCIM 404", "GET", "/Me", "", "", 404, "", ""},
		{"a wrong method is a SCIM 405", "DELETE", "/ServiceProviderConfig", "", "", 405, "", ""},
		{"a non-numeric id is 404", "GET", "/Groups/abc", "", "", 404, "", ""},
		{"startIndex that is not a number", "GET", "/Users?startIndex=x", "", "", 400, "invalidValue", ""},
		{"a body over the limit is 413", "POST", "/Users", "", `{"userName":"` + strings.Repeat("x", 1_200_000) + `"}`, 413, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctype := c.ctype
			if ctype == "" {
				ctype = "application/scim+json"
			}
			r := env.doWith(env.token, ctype, c.method, c.path, c.body).want(t, c.status, c.scimType)
			if !strings.Contains(r.str("detail"), c.inDetail) {
				t.Fatalf("detail %q does not name %q", r.str("detail"), c.inDetail)
			}
		})
	}
}

// TestSCIMContentTypes: application/json and no content type at all (sloppy
// clients) are accepted like application/scim+json.
func TestSCIMContentTypes(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	for i, ctype := range []string{"application/json", "", "application/scim+json; charset=utf-8"} {
		login := "ct" + string(rune('a'+i))
		r := env.doWith(env.token, ctype, "POST", "/Users", `{"userName":"`+login+`","emails":[{"value":"`+login+`@acme.test"}]}`)
		r.want(t, http.StatusCreated)
	}
}

// TestSCIMPaging: startIndex is 1-based (below 1 is 1), count defaults to
// 100 and 0 asks for totalResults alone; attributes cut the resources.
func TestSCIMPaging(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	for _, l := range []string{"p1", "p2", "p3"} {
		env.createUser(l)
	}
	all := env.do("GET", "/Users", "").want(t, http.StatusOK).total() // the admin too
	cases := []struct {
		name, query       string
		items, startIndex int
	}{
		{"Okta: startIndex=1&count=100", "?startIndex=1&count=100", all, 1},
		{"count=2 pages", "?startIndex=1&count=2", 2, 1},
		{"the last page", "?startIndex=" + strings.Repeat("", 0) + "3&count=2", all - 2, 3},
		{"startIndex 0 is 1", "?startIndex=0&count=1", 1, 1},
		{"count=0 is totalResults only", "?count=0", 0, 1},
		{"a negative count is 0", "?count=-5", 0, 1},
		{"past the end", "?startIndex=100", 0, 100},
	}
	for _, c := range cases {
		r := env.do("GET", "/Users"+c.query, "").want(t, http.StatusOK)
		if r.total() != all || len(r.resources(t)) != c.items || r.at("itemsPerPage") != float64(c.items) || r.at("startIndex") != float64(c.startIndex) {
			t.Fatalf("%s: %s", c.name, snippet(r.raw))
		}
	}
	r := env.do("GET", "/Users?attributes=userName&filter="+q(`userName eq "p1"`), "").want(t, http.StatusOK)
	res := r.at("Resources.0").(map[string]any)
	if len(res) != 3 || res["userName"] != "p1" || res["id"] == nil || res["schemas"] == nil {
		t.Fatalf("attributes=userName keeps id, schemas and userName only: %v", res)
	}
	r = env.do("GET", "/Users?attributes=emails.value,name.givenName&filter="+q(`userName eq "p1"`), "").want(t, http.StatusOK)
	if r.str("Resources.0.emails.0.value") != "p1@acme.test" || r.at("Resources.0.emails.0.type") != nil ||
		r.str("Resources.0.name.givenName") != "Given" || r.at("Resources.0.name.familyName") != nil || r.at("Resources.0.active") != nil {
		t.Fatalf("sub-attributes: %s", r.raw)
	}
	r = env.do("GET", "/Users?excludedAttributes=groups,emails&filter="+q(`userName eq "p1"`), "").want(t, http.StatusOK)
	if r.at("Resources.0.groups") != nil || r.at("Resources.0.emails") != nil || r.str("Resources.0.userName") != "p1" {
		t.Fatalf("excludedAttributes: %s", r.raw)
	}
}

// TestSCIMDiscovery: what clients read before provisioning.
func TestSCIMDiscovery(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	r := env.do("GET", "/ServiceProviderConfig", "").want(t, http.StatusOK)
	if r.at("patch.supported") != true || r.at("etag.supported") != false || r.at("bulk.supported") != false ||
		r.at("sort.supported") != false || r.at("filter.supported") != true || r.str("authenticationSchemes.0.type") != "oauthbearertoken" {
		t.Fatalf("ServiceProviderConfig: %s", r.raw)
	}
	r = env.do("GET", "/ResourceTypes", "").want(t, http.StatusOK)
	if r.total() != 2 || r.str("Resources.0.endpoint") != "/Users" {
		t.Fatalf("ResourceTypes: %s", r.raw)
	}
	env.do("GET", "/ResourceTypes/User", "").want(t, http.StatusOK)
	env.do("GET", "/ResourceTypes/Nope", "").want(t, http.StatusNotFound)
	r = env.do("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", "").want(t, http.StatusOK)
	names := map[string]bool{}
	for _, a := range r.resourcesOr("attributes") {
		names[a.(map[string]any)["name"].(string)] = true
	}
	if !names["userName"] || !names["emails"] || !names["active"] || names["nickName"] || names["addresses"] {
		t.Fatalf("the User schema lists what is stored only: %v", names)
	}
	r = env.do("GET", "/Schemas", "").want(t, http.StatusOK)
	if r.total() != 2 {
		t.Fatalf("Schemas: %s", r.raw)
	}
}
