package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// apiRes is an API answer: status, headers and the decoded JSON body.
type apiRes struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// call sends a JSON request with a Bearer key ("" for none).
func (e *testEnv) call(key, method, path string, body any) apiRes {
	e.t.Helper()
	return e.callLang(key, "", method, path, body)
}

// callLang is call with an Accept-Language ("" for none).
func (e *testEnv) callLang(key, lang, method, path string, body any) apiRes {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	if s, ok := body.(string); ok {
		r = bytes.NewReader([]byte(s))
	}
	req, _ := http.NewRequest(method, e.srv.URL+"/api/v1"+path, r)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := apiRes{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

func wantAPI(t *testing.T, r apiRes, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, snippet(r.raw))
	}
	if status >= 400 && r.header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("error Content-Type %q, want application/problem+json", r.header.Get("Content-Type"))
	}
}

// fieldErrors are the field names of a problem's errors.
func fieldErrors(r apiRes) map[string]bool {
	out := map[string]bool{}
	list, _ := r.body["errors"].([]any)
	for _, x := range list {
		m, _ := x.(map[string]any)
		f, _ := m["field"].(string)
		out[f] = true
	}
	return out
}

// keyFor makes an API key for an account, as the console would.
func (e *testEnv) keyFor(a store.Account, expires time.Time) (string, store.APIKey) {
	e.t.Helper()
	key, publicID, hash := auth.NewAPIKey()
	k, err := e.st.CreateAPIKey(context.Background(), store.Actor{TenantID: a.TenantID}, store.NewAPIKey{
		AccountID: a.ID, PublicID: publicID, SecretHash: hash, Name: "test", ExpiresAt: expires})
	if err != nil {
		e.t.Fatal(err)
	}
	return key, k
}

// roleWithAllBut makes a role holding every catalog permission except one.
func (e *testEnv) roleWithAllBut(tenantID int64, except auth.Permission) int64 {
	e.t.Helper()
	var perms []string
	for _, p := range auth.Catalog {
		if p.Key != except {
			perms = append(perms, string(p.Key))
		}
	}
	id, err := e.st.CreateRole(context.Background(), store.Actor{TenantID: tenantID},
		store.RoleSpec{Name: "All but " + string(except), Permissions: perms})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func num(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}
