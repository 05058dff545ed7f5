package store_test

import (
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

func TestListUsersSearch(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	other, otherRoles := newTenant(t, st, "other", 0)
	people := []struct{ login, first, last, email string }{
		{"edupont", "Élodie", "Dupont", "elodie.dupont@example.com"},
		{"emartin", "Élodie", "Martin", "e.martin@example.org"},
		{"sean", "Seán", "O'Brien", "sean@example.net"},
		{"jbf", "Jean-Baptiste", "de la Fontaine", "jb@example.fr"},
		{"thao", "Thảo", "Nguyễn", "t.n@example.vn"},
		{"s.larsen", "Søren", "Larsen", "s.l@example.dk"},
		{"lkowal", "Łukasz", "Kowal", "l.k@example.pl"},
		{"bel", "Amélie", "Bélanger", "a.b@example.ca"},
		{"zs1", "Zoë", "Smith", "zoe.smith1@mail.example.net"},
	}
	for _, p := range people {
		n := person(p.login, "standard", "active", roles["member"])
		n.FirstName, n.LastName, n.Email = p.first, p.last, p.email
		mustCreate(t, st, tn.ID, n)
	}
	elsewhere := person("elodie", "standard", "active", otherRoles["member"])
	elsewhere.FirstName = "Élodie"
	mustCreate(t, st, other.ID, elsewhere)

	tests := []struct {
		query string
		want  []string
	}{
		{"elo", []string{"edupont", "emartin"}},
		{"ÉLO", []string{"edupont", "emartin"}},
		{"  Elodie  ", []string{"edupont", "emartin"}},
		{"élodie dup", []string{"edupont"}},
		{"dup elo", []string{"edupont"}},
		{"elo nobody", nil},
		{"upont", []string{"edupont"}}, // inside a word (issue 16, defect 13)
		{"pon", []string{"edupont"}},
		{"nt", []string{"jbf"}}, // starts a tail of Fontaine; Dupont's "nt" is too short a tail to keep
		{"langer", []string{"bel"}},
		{"smith1", []string{"zs1"}},
		{"example.net", []string{"sean", "zs1"}}, // an email domain
		{"mail.example", []string{"zs1"}},
		{"example.org", []string{"emartin"}},
		{"obrien", []string{"sean"}},
		{"O'Brien", []string{"sean"}},
		{"o'bri", []string{"sean"}},
		{"brien", []string{"sean"}},
		{"sean", []string{"sean"}},
		{"baptiste", []string{"jbf"}},
		{"jean-bap", []string{"jbf"}},
		{"fontaine", []string{"jbf"}},
		{"nguyen", []string{"thao"}},
		{"NGUYỄN tha", []string{"thao"}},
		{"EDUP", []string{"edupont"}},        // login
		{"e.martin@ex", []string{"emartin"}}, // whole email
		{"elodie.dupont@example.com", []string{"edupont"}},
		{"", []string{"bel", "edupont", "emartin", "jbf", "lkowal", "s.larsen", "sean", "thao", "zs1"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := logins(t, st, tn.ID, store.UserFilter{Query: tt.query}); !slices.Equal(got, tt.want) {
				t.Errorf("search %q = %v, want %v", tt.query, got, tt.want)
			}
		})
	}

	// Letters with a stroke have no Unicode decomposition, so stripping
	// combining marks alone does not fold them; a reader typing on an English
	// keyboard still expects "soren" to find Søren.
	for _, tt := range []struct{ query, want string }{{"soren", "s.larsen"}, {"lukasz", "lkowal"}} {
		t.Run("stroke letters/"+tt.query, func(t *testing.T) {
			if got := logins(t, st, tn.ID, store.UserFilter{Query: tt.query}); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("search %q = %v, want [%s]", tt.query, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Élodie":         "elodie",
		"NGUYỄN":         "nguyen",
		"François Côté":  "francois cote",
		"O'Brien":        "o'brien",
		"Zoë":            "zoe",
		"already folded": "already folded",
	}
	for in, want := range tests {
		if got := store.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	// Accented names sort among their letters, not after "z".
	names := []string{store.SortName("Zoë", "Zola"), store.SortName("Émile", "Émond"), store.SortName("Anne", "Eyre")}
	if !slices.IsSorted([]string{names[1], names[2], names[0]}) {
		t.Errorf("sort names out of order: %q", names)
	}
}
