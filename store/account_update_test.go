package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

func TestUpdateProfile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	child, _ := newTenant(t, st, "acme-sub", tn.ID)
	mustCreate(t, st, tn.ID, person("admin", "admin", "active"))
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active", roles["member"]))
	mustCreate(t, st, child.ID, person("bob", "standard", "active"))

	p := store.Profile{FirstName: "Anaïs", LastName: "Lefèvre", Email: "Anais.Lefevre@Example.TEST",
		Language: "fr", TimeZone: "Europe/Paris", Currency: "EUR", UserType: "standard"}
	got, err := st.UpdateProfile(ctx, actor(tn.ID), ann.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != "anais.lefevre@example.test" || got.FirstName != "Anaïs" || got.Currency != "EUR" || got.Login != "ann" {
		t.Errorf("updated account = %+v", got)
	}

	t.Run("search follows the new name", func(t *testing.T) {
		if got := logins(t, st, tn.ID, store.UserFilter{Query: "lefevre"}); !slices.Equal(got, []string{"ann"}) {
			t.Errorf("search new name = %v, want [ann]", got)
		}
		if got := logins(t, st, tn.ID, store.UserFilter{Query: "ann@example"}); len(got) != 0 {
			t.Errorf("search by the old email = %v, want nothing", got)
		}
		if got := logins(t, st, tn.ID, store.UserFilter{Query: "ann"}); !slices.Equal(got, []string{"ann"}) {
			t.Errorf("search by the unchanged login = %v, want [ann]", got)
		}
	})

	t.Run("email taken in the tree", func(t *testing.T) {
		q := p
		q.Email = "BOB@example.test"
		_, err := st.UpdateProfile(ctx, actor(tn.ID), ann.ID, q)
		var c *store.Conflict
		if !errors.As(err, &c) || c.Field != "email" {
			t.Fatalf("error = %v, want an email conflict", err)
		}
		if a, _ := st.Account(ctx, tn.ID, ann.ID); a.Email != "anais.lefevre@example.test" {
			t.Errorf("email after refusal = %q", a.Email)
		}
	})

	t.Run("audit before and after", func(t *testing.T) {
		evs, err := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: "user.update", TargetType: "account", TargetID: ann.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 {
			t.Fatalf("got %d user.update events, want 1 (the refused change writes none)", len(evs))
		}
		before, _ := evs[0].Details["before"].(map[string]any)
		after, _ := evs[0].Details["after"].(map[string]any)
		if before["first_name"] != "Ann" || after["first_name"] != "Anaïs" ||
			before["email"] != "ann@example.test" || after["email"] != "anais.lefevre@example.test" ||
			before["currency"] != "USD" || after["currency"] != "EUR" {
			t.Errorf("details = %v", evs[0].Details)
		}
		if _, ok := after["user_type"]; ok {
			t.Errorf("unchanged user_type appears in the audit details: %v", after)
		}
		if evs[0].IP != "192.0.2.10" || evs[0].TargetID != ann.ID {
			t.Errorf("event = %+v", evs[0])
		}
	})

	t.Run("no change, no event", func(t *testing.T) {
		if _, err := st.UpdateProfile(ctx, actor(tn.ID), ann.ID, p); err != nil {
			t.Fatal(err)
		}
		evs, _ := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: "user.update"})
		if len(evs) != 1 {
			t.Errorf("got %d user.update events after a no-op save, want 1", len(evs))
		}
	})
}

// Accounts without an email (service accounts) must stay without one when
// edited: an empty string would collide on the tree-wide unique email index.
func TestUpdateProfileWithoutEmailKeepsItEmpty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	var ids []int64
	for _, login := range []string{"billing-bot", "backup-bot"} {
		n := person(login, "standard", "active")
		n.Kind, n.Email = "service", ""
		ids = append(ids, mustCreate(t, st, tn.ID, n).ID)
	}
	for i, id := range ids {
		_, err := st.UpdateProfile(ctx, actor(tn.ID), id, store.Profile{FirstName: "Bot", LastName: string(rune('A' + i)),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"})
		if err != nil {
			t.Fatalf("rename service account %d without email: %v", i, err)
		}
	}
}
