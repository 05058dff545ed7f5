package store_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/console-dev/console/store"
)

// UpdateSettings with no time zone keeps the tenant's. On PostgreSQL a write
// transaction that fails to serialize runs again; the run that failed must
// not leave behind a time zone for the next run to write. Here the first run
// fails at its audit event (a serialization failure, forced by a trigger)
// while another administrator's change of the time zone waits on the
// tenant's row; that change commits between the two runs, so the settings
// saved after it must keep its time zone.
func TestReview15_UpdateSettingsRetryKeepsConcurrentTimeZone(t *testing.T) {
	ctx := context.Background()
	st, raw := pgStoreAndRaw(t)
	tn, _ := newTenant(t, st, "acme", 0)
	before, err := st.Settings(ctx, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if before.TimeZone == "Europe/Paris" {
		t.Fatal("the tenant starts in Europe/Paris already")
	}

	// The first audit event written waits for the test, then fails to
	// serialize; later ones go through.
	for _, q := range []string{
		`CREATE SEQUENCE review15_audit_runs`,
		`CREATE FUNCTION review15_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF nextval('review15_audit_runs') = 1 THEN
				PERFORM pg_advisory_xact_lock(1515);
				RAISE EXCEPTION 'forced' USING ERRCODE = 'serialization_failure';
			END IF;
			RETURN NEW;
		END $$`,
		`CREATE TRIGGER review15_fail_once BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION review15_fail_once()`,
	} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	hold, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	if _, err := hold.ExecContext(ctx, `SELECT pg_advisory_lock(1515)`); err != nil {
		t.Fatal(err)
	}

	saved := make(chan error, 1)
	go func() {
		saved <- st.UpdateSettings(ctx, actor(tn.ID), store.Settings{InviteDays: 12})
	}()
	waitForWaiters(t, raw, 1) // the save has written the tenant's row and waits in the trigger
	zone := make(chan error, 1)
	go func() {
		_, err := raw.ExecContext(ctx, `UPDATE tenants SET time_zone = 'Europe/Paris' WHERE id = $1`, tn.ID)
		zone <- err
	}()
	waitForWaiters(t, raw, 2) // the other administrator's change waits on the tenant's row
	if _, err := hold.ExecContext(ctx, `SELECT pg_advisory_unlock(1515)`); err != nil {
		t.Fatal(err)
	}
	if err := <-zone; err != nil {
		t.Fatal(err)
	}
	if err := <-saved; err != nil {
		t.Fatalf("update settings: %v", err)
	}
	after, err := st.Settings(ctx, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.InviteDays != 12 {
		t.Fatalf("invite days = %d, want 12", after.InviteDays)
	}
	if after.TimeZone != "Europe/Paris" {
		t.Fatalf("time zone = %q, want Europe/Paris: the retried save wrote back the zone it read before the other change (%q)",
			after.TimeZone, before.TimeZone)
	}
}

// waitForWaiters returns once n sessions of this database wait for a lock.
func waitForWaiters(t *testing.T, raw *sql.DB, n int) {
	t.Helper()
	for {
		var waiting int
		if err := raw.QueryRow(`SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
	}
}
