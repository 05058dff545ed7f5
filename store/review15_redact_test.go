package store_test

import (
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// pgx (like libpq) takes the password as a URL parameter as well as in the
// user part: postgres://console@db/console?password=... is a working
// --db. Redact is what serve logs at start and what console copy prints
// ("Start the console with --db ..."), so it must hide that form too.
func TestReview15_RedactHidesPasswordParameter(t *testing.T) {
	for _, db := range []string{
		"postgres://console@db.example:5432/console?password=s3cret&sslmode=require",
		"postgresql://db.example/console?user=console&password=s3cret",
		"postgres://console@db.example/console?sslmode=verify-full&sslkey=/k.pem&sslpassword=s3cret",
	} {
		if got := store.Redact(db); strings.Contains(got, "s3cret") {
			t.Errorf("Redact(%q) = %q: the password shows", db, got)
		}
	}
}
