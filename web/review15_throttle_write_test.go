package web

import (
	"net/http"
	"testing"

	"github.com/console-dev/console/internal/testdb"
)

// The sign-in throttle keeps its failures in the database. When the
// database answers reads but refuses writes (a full disk, PostgreSQL in
// read-only mode after a failover), checking a password still works, since
// it only reads, but no failure could be counted: a throttle that cannot
// count refuses the attempt (503) rather than let every guess through, and
// the right password is not judged either until it can count again.
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
	for range 6 {
		res, _ := env.client().signIn("admin@acme.test", "wrong password!", "")
		wantStatus(t, res, http.StatusServiceUnavailable)
	}
	res, _ := env.client().signIn("admin@acme.test", testPassword, "")
	wantStatus(t, res, http.StatusServiceUnavailable)
	if _, err := raw.Exec(`DROP TRIGGER review15_no_hits` + map[bool]string{true: ` ON limit_hits`}[testdb.Postgres()]); err != nil {
		t.Fatal(err)
	}
	res, _ = env.client().signIn("admin@acme.test", testPassword, "")
	wantStatus(t, res, http.StatusSeeOther) // counting again: the right password signs in
}
