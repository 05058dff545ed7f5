package ops_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/store"
)

// An upload to import people and a changed column mapping are audited,
// naming the file; saving the same mapping again writes nothing. Someone
// who may not manage people can do neither.
func TestImportUploadAndMappingAreAudited(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "member")
	if _, err := w.ops.SaveImportFile(ctx, w.as(boss), "staff.csv", []byte("login\nann\n")); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{`{"login":"login"}`, `{"login":"login"}`, `{"email":"mail"}`} {
		if err := w.ops.SaveImportMapping(ctx, w.as(boss), m); err != nil {
			t.Fatal(err)
		}
	}
	ups, _ := w.st.AuditEvents(ctx, w.tenant.ID, store.AuditFilter{Action: string(store.ActionImportUpload), Limit: 10})
	if len(ups) != 1 || ups[0].ActorID != boss.ID || ups[0].Details["name"] != "staff.csv" {
		t.Fatalf("upload events %+v, want one by boss naming staff.csv", ups)
	}
	if n := w.eventsOf(store.ActionImportMapping)[w.tenant.ID]; n != 2 {
		t.Fatalf("%d mapping events, want 2 (the repeat writes nothing)", n)
	}
	member := w.person("member", "standard", "member")
	if _, err := w.ops.SaveImportFile(ctx, w.as(member), "x.csv", []byte("login\n")); err == nil {
		t.Fatal("a Member uploaded a file to import")
	}
	if err := w.ops.SaveImportMapping(ctx, w.as(member), `{"x":"y"}`); err == nil {
		t.Fatal("a Member saved the mapping")
	}
}
