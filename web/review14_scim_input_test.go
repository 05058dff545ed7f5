package web

import (
	"net/http"
	"testing"
)

// TestReview14_SCIMUserNameCaseOutsideASCII: userName is caseExact=false
// (RFC 7643 §4.1.1) and the console takes a login "in no case" twice, yet
// the check is SQLite's lower(), ASCII only: Okta pushing "ÉMILE@acme.test"
// (or a Kelvin sign K) beside "émile@acme.test" makes a second person with
// the same userName in another case. It must be 409 uniqueness.
func TestReview14_SCIMUserNameCaseOutsideASCII(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	for i, tc := range []struct{ name, first, second string }{
		{"Okta: an accented login in capitals", "émile@acme.test", "ÉMILE@acme.test"},
		{"Entra ID: a Greek login in capitals", "σοφία", "ΣΟΦΊΑ"},
		{"the Kelvin sign folds to k", "kelvin", "\u212aelvin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env.do("POST", "/Users", `{"userName":"`+tc.first+`","emails":[{"value":"a`+itoa(int64(i))+`@acme.test"}]}`).want(t, http.StatusCreated)
			env.do("POST", "/Users", `{"userName":"`+tc.second+`","emails":[{"value":"b`+itoa(int64(i))+`@acme.test"}]}`).
				want(t, http.StatusConflict, "uniqueness")
		})
	}
}

// TestReview14_SCIMUserNameInvisibleCharacters: a userName may hold a
// zero-width space or a direction mark (only spaces and control characters
// are refused), so a provider's "adm\u200bin" shows in the users table as
// a second "admin"; names already refuse invisible formatting characters.
// It must be 400 invalidValue.
func TestReview14_SCIMUserNameInvisibleCharacters(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	for i, login := range []string{"adm\u200bin", "admin\u200e", "\u202eadmin", "ad\ufeffmin"} {
		t.Run(login, func(t *testing.T) {
			env.do("POST", "/Users", `{"userName":"`+login+`","emails":[{"value":"z`+itoa(int64(i))+`@acme.test"}]}`).
				want(t, http.StatusBadRequest, "invalidValue")
		})
	}
}

// TestReview14_SCIMPutWithoutActiveReactivates: a PUT that leaves out
// "active" (a client sending only the attributes it maps) reactivates a
// person the provider deactivated (its DELETE in deactivate mode): userOf
// defaults Active to true. An absent "active" must keep the person's status.
func TestReview14_SCIMPutWithoutActiveReactivates(t *testing.T) {
	t.Parallel()
	env := newSCIMEnv(t)
	uid := env.createUser("zoe")
	env.do("DELETE", "/Users/"+uid, "").want(t, http.StatusNoContent)
	env.do("GET", "/Users/"+uid, "").want(t, http.StatusOK)
	r := env.do("PUT", "/Users/"+uid, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"zoe",
		"name":{"givenName":"Zoë","familyName":"Family"},"emails":[{"value":"zoe@acme.test","primary":true}]}`).want(t, http.StatusOK)
	if r.at("active") != false {
		t.Fatalf("a PUT without active reactivated the person: %s", snippet(r.raw))
	}
}
