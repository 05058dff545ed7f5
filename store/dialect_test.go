package store

import "testing"

// PostgreSQL numbers its placeholders; a ? inside a literal or a quoted
// name is text, and ?N keeps its number, as SQLite reads them.
func TestPgText(t *testing.T) {
	for q, want := range map[string]string{
		`SELECT a FROM t WHERE x = ? AND y = ?`:              `SELECT a FROM t WHERE x = $1 AND y = $2`,
		`SELECT '?', "a?" FROM t WHERE x = ?`:                `SELECT '?', "a?" FROM t WHERE x = $1`,
		`WHERE a = ?1 OR b = ?2 OR c = ?1`:                   `WHERE a = $1 OR b = $2 OR c = $1`,
		`WHERE a = ?2 AND b = ?`:                             `WHERE a = $2 AND b = $3`,
		`SELECT 'it''s ?' WHERE x LIKE ? ESCAPE '\'`:         `SELECT 'it''s ?' WHERE x LIKE $1 ESCAPE '\'`,
		`INSERT INTO t VALUES (?, ?) ON CONFLICT DO NOTHING`: `INSERT INTO t VALUES ($1, $2) ON CONFLICT DO NOTHING`,
	} {
		if got := pgText(q); got != want {
			t.Errorf("pgText(%s)\n = %s\nwant %s", q, got, want)
		}
	}
}

// Go booleans reach PostgreSQL as the integers the columns hold, without
// changing the caller's arguments.
func TestPgArgs(t *testing.T) {
	args := []any{true, int64(3), false, "x"}
	got := pgArgs(args)
	if got[0] != int64(1) || got[2] != int64(0) || got[1] != int64(3) || got[3] != "x" || args[0] != true {
		t.Fatalf("pgArgs = %v (args now %v)", got, args)
	}
}
