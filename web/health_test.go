package web

import (
	"net/http"
	"testing"

	"github.com/console-dev/console/internal/testdb"
)

// TestReadyzOnlyWhenMigrated: /readyz answers anyone 200 while the schema is
// the binary's, and 503 once the newest migration is no longer applied, while
// /healthz still says the database answers.
func TestReadyzOnlyWhenMigrated(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client() // signed in as nobody
	res := c.get("/readyz")
	wantStatus(t, res, http.StatusOK)
	if res.body != "ready\n" {
		t.Fatalf("readyz body %q, want ready", res.body)
	}

	raw := testdb.Open(t, env.dbPath)
	if _, err := raw.Exec(`DELETE FROM goose_db_version WHERE version_id = (SELECT MAX(version_id) FROM goose_db_version)`); err != nil {
		t.Fatal(err)
	}
	res = c.get("/readyz")
	wantStatus(t, res, http.StatusServiceUnavailable)
	if res.body != "migrations pending\n" {
		t.Fatalf("readyz body %q, want migrations pending", res.body)
	}
	wantStatus(t, c.get("/healthz"), http.StatusOK)
}

// TestHealthAndReadyWithoutDatabase: a process cut off from its database
// fails both checks, so a load balancer takes it out.
func TestHealthAndReadyWithoutDatabase(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client()
	wantStatus(t, c.get("/healthz"), http.StatusOK)
	env.st.Close()
	for _, path := range []string{"/healthz", "/readyz"} {
		res := c.get(path)
		wantStatus(t, res, http.StatusServiceUnavailable)
		if res.body != "database unavailable\n" {
			t.Errorf("%s body %q, want database unavailable", path, res.body)
		}
	}
}
