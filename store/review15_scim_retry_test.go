package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

// A SCIM PUT of a group sets exactly its members. On PostgreSQL the write
// transaction runs again after a serialization failure; the members to add
// and remove must then be worked out again from what the group holds now,
// not kept from the run that failed. Here a console administrator adds Bob
// to the group while the provider's PUT (members: Ann) is under way: the PUT
// runs after the addition, so the group must end with Ann alone.
func TestReview15_SCIMSaveGroupRetryRecomputesMembers(t *testing.T) {
	ctx := context.Background()
	st, raw := pgStoreAndRaw(t)

	tn, _ := newTenant(t, st, "acme", 0)
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active"))
	bob := mustCreate(t, st, tn.ID, person("bob", "standard", "active"))
	g, err := st.SCIMCreateGroup(ctx, actor(tn.ID), store.SCIMGroup{Name: "Engineering"})
	if err != nil {
		t.Fatal(err)
	}

	// The administrator's change, still uncommitted: Bob joins, and the
	// group's row is written (its member count), as AddMembers does.
	other, err := raw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback()
	if _, err := other.ExecContext(ctx, `INSERT INTO group_members (tenant_id, group_id, account_id, sort_name)
		SELECT tenant_id, $1, id, sort_name FROM accounts WHERE id = $2`, g.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, `UPDATE user_groups SET member_count = member_count + 1 WHERE id = $1`, g.ID); err != nil {
		t.Fatal(err)
	}

	done := make(chan error, 1)
	go func() {
		_, err := st.SCIMSaveGroup(ctx, actor(tn.ID), g.ID, store.SCIMGroup{Name: "Engineering", Members: []int64{ann.ID}})
		done <- err
	}()
	// The PUT has read the members (none yet) and waits on the group's row.
	for waiting := false; !waiting; {
		if err := raw.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
			WHERE NOT l.granted AND d.datname = current_database())
			OR EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock')`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-done:
			t.Fatalf("the PUT ended before the administrator's change committed: %v", err)
		default:
		}
	}
	if err := other.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("SCIM PUT: %v", err)
	}

	rows, err := raw.QueryContext(ctx, `SELECT account_id FROM group_members WHERE group_id = $1 ORDER BY account_id`, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	if want := []int64{ann.ID}; !slices.Equal(got, want) {
		t.Fatalf("after the PUT of [ann] the group holds %v, want %v (ann=%d, bob=%d): the retried transaction "+
			"applied the first run's additions and removals", got, want, ann.ID, bob.ID)
	}
}
