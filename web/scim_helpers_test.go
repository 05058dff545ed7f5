package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// scimEnv is a real server whose tenant acme is in external provisioning
// mode, with a SCIM token of its identity provider.
type scimEnv struct {
	*testEnv
	token string
	tok   store.SCIMToken
}

func newSCIMEnv(t *testing.T) *scimEnv {
	t.Helper()
	env := &scimEnv{testEnv: newEnv(t)}
	env.setMode(store.Provisioning{Mode: store.ProvisioningExternal})
	env.token, env.tok = env.scimToken(env.tenant.ID, env.admin)
	return env
}

// adminPrincipal is the tenant's admin acting in the console.
func (e *scimEnv) adminPrincipal() ops.Principal {
	return ops.Principal{TenantID: e.tenant.ID, HomeTenantID: e.tenant.ID, AccountID: e.admin.ID, IP: "192.0.2.1"}
}

func (e *scimEnv) setMode(p store.Provisioning) {
	e.t.Helper()
	if err := e.h.ops.SetProvisioning(context.Background(), e.adminPrincipal(), p); err != nil {
		e.t.Fatal(err)
	}
}

// scimToken makes a SCIM token of tenantID as its admin would.
func (e *scimEnv) scimToken(tenantID int64, admin store.Account) (string, store.SCIMToken) {
	e.t.Helper()
	p := ops.Principal{TenantID: tenantID, HomeTenantID: tenantID, AccountID: admin.ID, IP: "192.0.2.1"}
	token, tok, err := e.h.ops.CreateSCIMToken(context.Background(), p, "Entra ID")
	if err != nil {
		e.t.Fatal(err)
	}
	return token, tok
}

// scimRes is a SCIM answer.
type scimRes struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// do sends a SCIM request with the env's token, as application/scim+json.
func (e *scimEnv) do(method, path, body string) scimRes {
	e.t.Helper()
	return e.doWith(e.token, "application/scim+json", method, path, body)
}

// doWith sends a SCIM request with token ("" for none) and content type ("" for none).
func (e *scimEnv) doWith(token, ctype, method, path, body string) scimRes {
	e.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL+"/scim/v2"+path, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" && body != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := scimRes{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// want fails unless r has status; an error must be a SCIM error body of
// scimType ("" for none), and every answer is application/scim+json.
func (r scimRes) want(t *testing.T, status int, scimType ...string) scimRes {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, snippet(r.raw))
	}
	if status == http.StatusNoContent {
		return r
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/scim+json") {
		t.Fatalf("Content-Type %q, want application/scim+json", ct)
	}
	if status >= 400 {
		schemas, _ := r.body["schemas"].([]any)
		if len(schemas) != 1 || schemas[0] != "urn:ietf:params:scim:api:messages:2.0:Error" {
			t.Fatalf("error body without the Error schema: %s", snippet(r.raw))
		}
		if r.body["status"] != strconv.Itoa(status) {
			t.Fatalf("error status %v, want the string %q", r.body["status"], strconv.Itoa(status))
		}
		if d, _ := r.body["detail"].(string); d == "" {
			t.Fatalf("error without detail: %s", r.raw)
		}
		if len(scimType) > 0 && r.body["scimType"] != scimType[0] && !(scimType[0] == "" && r.body["scimType"] == nil) {
			t.Fatalf("scimType %v, want %q: %s", r.body["scimType"], scimType[0], snippet(r.raw))
		}
	}
	return r
}

// str reads a string at a dotted path of r's body ("name.givenName",
// "emails.0.value", "Resources.0.id").
func (r scimRes) str(path string) string {
	s, _ := r.at(path).(string)
	return s
}

func (r scimRes) at(path string) any {
	var v any = r.body
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i := 0
			for _, c := range k {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// total is a list's totalResults.
func (r scimRes) total() int {
	n, _ := r.body["totalResults"].(float64)
	return int(n)
}

// resources is a list's Resources, always present.
func (r scimRes) resources(t *testing.T) []any {
	t.Helper()
	list, ok := r.body["Resources"].([]any)
	if !ok {
		t.Fatalf("Resources missing or not a list: %s", snippet(r.raw))
	}
	return list
}

// createUser provisions a person over SCIM and returns its id.
func (e *scimEnv) createUser(login string) string {
	e.t.Helper()
	r := e.do("POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"`+login+
		`","name":{"givenName":"Given","familyName":"Family"},"emails":[{"value":"`+login+`@acme.test","type":"work","primary":true}],"active":true}`)
	r.want(e.t, http.StatusCreated)
	return r.str("id")
}

// consolePrincipal is an account acting in the console of tenantID, its home.
func consolePrincipal(tenantID, accountID int64) ops.Principal {
	return ops.Principal{TenantID: tenantID, HomeTenantID: tenantID, AccountID: accountID, IP: "192.0.2.1"}
}
