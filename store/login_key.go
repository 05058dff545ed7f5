package store

import (
	"context"
	"fmt"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// LoginKey is how logins compare when case must not matter (SCIM's
// userName): Unicode NFC, case-folded, so "ÉMILE" is "émile", "ΣΟΦΊΑ" is
// "σοφία" and the Kelvin sign is a "k". It is kept in accounts.login_key.
func LoginKey(login string) string { return cases.Fold().String(norm.NFC.String(login)) }

// foldLoginKeys folds the keys of logins holding any non-ASCII character,
// (more bytes than characters), which the migration's SQL lower() leaves as they are; ASCII logins are
// right already, so a start reads only the others.
func foldLoginKeys(ctx context.Context, s *Store) error {
	rows, err := s.r.QueryContext(ctx, `SELECT id, login, login_key FROM accounts WHERE octet_length(login) > length(login)`)
	if err != nil {
		return fmt.Errorf("store: fold logins: %w", err)
	}
	type fix struct {
		id  int64
		key string
	}
	var fixes []fix
	for rows.Next() {
		var id int64
		var login, key string
		if err := rows.Scan(&id, &login, &key); err != nil {
			rows.Close()
			return fmt.Errorf("store: fold logins: %w", err)
		}
		if k := LoginKey(login); k != key {
			fixes = append(fixes, fix{id, k})
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("store: fold logins: %w", err)
	}
	for _, f := range fixes {
		if _, err := s.exec(ctx, `UPDATE accounts SET login_key = ? WHERE id = ?`, f.key, f.id); err != nil {
			return fmt.Errorf("store: fold logins: %w", err)
		}
	}
	return nil
}
