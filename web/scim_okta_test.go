package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestSCIMOktaUsers replays Okta's SCIM 2.0 test spec (its CRUD flow):
// lookup with startIndex and count, POST with a password, GET, a full PUT
// read-modify-write with the password again, PATCH active false.
func TestSCIMOktaUsers(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	const login = "okta.user@example.com"

	r := env.do("GET", "/Users?filter="+q(`userName eq "`+login+`"`)+"&startIndex=1&count=100", "").want(t, http.StatusOK)
	if r.total() != 0 || len(r.resources(t)) != 0 || r.at("startIndex") != float64(1) {
		t.Fatalf("Okta lookup: %s", r.raw)
	}
	r = env.do("POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"`+login+`",
		"name":{"givenName":"Okta","familyName":"User"},"emails":[{"primary":true,"value":"`+login+`","type":"work"}],
		"displayName":"Okta User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],
		"password":"1mz050nq","active":true}`).want(t, http.StatusCreated)
	id := r.str("id")
	if r.at("password") != nil || r.str("preferredLanguage") != "en" || r.str("externalId") != "00ujl29u0le5T6Aj10h7" {
		t.Fatalf("Okta create: %s", r.raw)
	}
	// Okta: POST of the same userName again is 409 uniqueness.
	env.do("POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"`+strings.ToUpper(login)+`",
		"emails":[{"value":"other@example.com"}]}`).want(t, http.StatusConflict, "uniqueness")

	got := env.do("GET", "/Users/"+id, "").want(t, http.StatusOK)
	r = env.do("GET", "/Users?filter="+q(`userName eq "`+login+`"`)+"&startIndex=1&count=100", "").want(t, http.StatusOK)
	if r.total() != 1 || r.str("Resources.0.id") != id {
		t.Fatalf("Okta lookup after create: %s", r.raw)
	}

	// Okta: PUT the resource it read, changed, with its password again.
	full := got.body
	full["name"].(map[string]any)["givenName"] = "Changed"
	full["password"] = "t1meMa$heen"
	b, _ := json.Marshal(full)
	r = env.do("PUT", "/Users/"+id, string(b)).want(t, http.StatusOK)
	if r.str("name.givenName") != "Changed" || r.str("name.familyName") != "User" || r.at("active") != true || r.at("password") != nil {
		t.Fatalf("Okta PUT: %s", r.raw)
	}

	// Okta: deactivation is PATCH active false in a pathless replace.
	r = env.do("PATCH", "/Users/"+id, `{`+patchOp+`,"Operations":[{"op":"replace","value":{"active":false}}]}`).want(t, http.StatusOK)
	if r.at("active") != false {
		t.Fatalf("Okta deactivation: %s", r.raw)
	}
	r = env.do("GET", "/Users?filter="+q(`userName eq "`+login+`"`), "").want(t, http.StatusOK)
	if r.total() != 1 || r.at("Resources.0.active") != false {
		t.Fatalf("Okta: a deactivated user stays listed: %s", r.raw)
	}
	// Okta: reactivation.
	r = env.do("PATCH", "/Users/"+id, `{`+patchOp+`,"Operations":[{"op":"replace","value":{"active":true}}]}`).want(t, http.StatusOK)
	if r.at("active") != true {
		t.Fatalf("Okta reactivation: %s", r.raw)
	}
	// Okta: a user it never made is 404.
	env.do("GET", "/Users/999999", "").want(t, http.StatusNotFound)
}

// TestSCIMOktaGroups replays Okta's group push: POST, PATCH with the id
// inside the value, a full replace of members, add, PUT, lookup, DELETE.
func TestSCIMOktaGroups(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	u1, u2 := env.createUser("o1"), env.createUser("o2")
	r := env.do("POST", "/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}`).
		want(t, http.StatusCreated)
	gid := r.str("id")
	members := func() string {
		t.Helper()
		g := env.do("GET", "/Groups/"+gid, "").want(t, http.StatusOK)
		var ids []string
		for _, m := range g.resourcesOr("members") {
			ids = append(ids, m.(map[string]any)["value"].(string))
		}
		return g.str("displayName") + ":" + strings.Join(ids, ",")
	}
	steps := []struct{ name, ops, want string }{
		{"Okta: an id inside the replace value is ignored", `[{"op":"replace","value":{"id":"` + gid + `9","displayName":"Renamed"}}]`, "Renamed:"},
		{"Okta: replace members with the full list", `[{"op":"replace","path":"members","value":[{"value":"` + u1 + `","display":"o1"}]}]`, "Renamed:" + u1},
		{"Okta: add members", `[{"op":"add","path":"members","value":[{"value":"` + u2 + `","display":"o2"}]}]`, "Renamed:" + u1 + "," + u2},
		{"Okta: replace members with a shorter full list", `[{"op":"replace","path":"members","value":[{"value":"` + u2 + `"}]}]`, "Renamed:" + u2},
	}
	for _, s := range steps {
		env.do("PATCH", "/Groups/"+gid, `{`+patchOp+`,"Operations":`+s.ops+`}`).want(t, http.StatusNoContent)
		if got := members(); got != s.want {
			t.Fatalf("%s: %s, want %s", s.name, got, s.want)
		}
	}
	r = env.do("PUT", "/Groups/"+gid, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"`+gid+`","displayName":"Final",
		"members":[{"value":"`+u1+`","display":"o1"},{"value":"`+u2+`"}]}`).want(t, http.StatusOK)
	if got := members(); got != "Final:"+u1+","+u2 {
		t.Fatalf("Okta PUT group: %s", got)
	}
	r = env.do("GET", "/Groups?filter="+q(`displayName eq "Final"`)+"&startIndex=1&count=100", "").want(t, http.StatusOK)
	if r.total() != 1 || len(r.resourcesOr("Resources")) != 1 {
		t.Fatalf("Okta group lookup: %s", r.raw)
	}
	// Okta: a second group of the same name is 409 uniqueness.
	env.do("POST", "/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"final"}`).
		want(t, http.StatusConflict, "uniqueness")
	env.do("DELETE", "/Groups/"+gid, "").want(t, http.StatusNoContent)
	env.do("GET", "/Groups/"+gid, "").want(t, http.StatusNotFound)
}
