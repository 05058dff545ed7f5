package web

import (
	"net/http"
	"testing"

	"github.com/console-dev/console/internal/testdb"
)

// The sign-in throttle keeps its failures in the database. When the
// database answers reads but refuses writes (a full disk, PostgreSQL in
// read-only mode after a failover), checking a password still works, since
// it only reads, but no failure is ever counted: the throttle lets every
// guess through, and a right guess then shows as a different answer. Five
// wrong passwords must still stop the sixth attempt, whatever became of the
// throttle's writes (429, or 503 when the throttle cannot tell).
func TestReview15_SignInThrottleHoldsWhenFailuresCannotBeWritten(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	raw := testdb.Open(t, env.dbPath)
	stmts := []string{`CREATE TRIGGER review15_no_hits BEFORE INSERT ON limit_hits BEGIN SELECT RAISE(ABORT, 'disk full'); END`}
	if testdb.Postgres() {
		stmts = []string{
			`CREATE FUNCTION review15_no_hits() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$`,
			`CREATE TRIGGER review15_no_hits BEFORE INSERT ON limit_hits FOR EACH ROW EXECUTE FUNCTION review15_no_hits()`,
		}
	}
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for range 5 {
		res, _ := env.client().signIn("admin@acme.test", "wrong password!", "")
		wantStatus(t, res, http.StatusUnauthorized)
	}
	res, _ := env.client().signIn("admin@acme.test", testPassword, "")
	if res.StatusCode != http.StatusTooManyRequests && res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("sixth attempt, after five wrong passwords the throttle could not record: status %d, want 429 or 503", res.StatusCode)
	}
}
