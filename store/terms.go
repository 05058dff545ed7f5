package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// letters that carry no separable accent, spelled as a keyboard without them would.
var plainLetters = strings.NewReplacer("ø", "o", "ł", "l", "đ", "d", "ð", "d", "ħ", "h", "ı", "i",
	"æ", "ae", "œ", "oe", "ß", "ss", "þ", "th")

// Fold lower-cases s and strips accents, so "Élodie" sorts and matches as
// "elodie" and "Søren" as "soren".
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return plainLetters.Replace(strings.ToLower(out))
}

// searchTerms are what a search can start with, so a search is an index
// range scan: each word of the names, its parts and its letters joined
// ("jean-luc" → "jean", "luc", "jeanluc"; "o'brien" → "obrien"), the whole
// login, the whole email and its local part, the email's domain and each of
// its dot-suffixes ("mail.example.net", "example.net", "net"); and, so a
// fragment finds the word it is inside ("langer" in Bélanger, "smith1" in
// zoe.smith1), every tail of those words and of the login and local part
// that starts with a letter or digit and keeps at least minFragment
// characters. A search for a fragment is then a prefix of one of them.
func searchTerms(first, last, login, email string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if t != "" && !seen[t] && len(t) <= 200 {
			seen[t] = true
			out = append(out, t)
		}
	}
	tails := func(w string) {
		add(w)
		r := []rune(w)
		for i := 1; i+minFragment <= len(r); i++ {
			if unicode.IsLetter(r[i]) || unicode.IsDigit(r[i]) {
				add(string(r[i:]))
			}
		}
	}
	for _, field := range strings.Fields(Fold(first + " " + last)) {
		add(field)
		parts := strings.FieldsFunc(field, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for _, p := range parts {
			tails(p)
		}
		add(strings.Join(parts, ""))
	}
	login, email = Fold(login), Fold(email)
	local, domain, isEmail := strings.Cut(email, "@")
	if login != email {
		tails(login)
	}
	add(email)
	if isEmail {
		tails(local)
		for d := domain; d != ""; {
			add(d)
			_, d, _ = strings.Cut(d, ".")
		}
	}
	return out
}

// minFragment is the shortest inner fragment a search finds: shorter ones
// match too many words to be worth their rows.
const minFragment = 3

// queryTerms splits a search into at most five folded words, all of which must match.
func queryTerms(q string) []string {
	words := strings.Fields(Fold(q))
	if len(words) > 5 {
		words = words[:5]
	}
	return words
}

// writeTerms rebuilds an account's search rows from its current row: one
// set in its home tenant and one in each tenant it is a member of, each
// with whether it holds a role there; its membership rows follow its row.
func (tx *Tx) writeTerms(ctx context.Context, tenantID, accountID int64) error {
	a, err := tx.account(ctx, tenantID, accountID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM account_terms WHERE account_id = ?`, accountID); err != nil {
		return fmt.Errorf("store: terms: %w", err)
	}
	terms := searchTerms(a.FirstName, a.LastName, a.Login, a.Email)
	if len(terms) == 0 {
		return tx.syncMembers(ctx, accountID)
	}
	// The first term's rows (one per tenant the account is seen in) are
	// built from the account; the others copy them, by a statement parsed
	// once: parsing, not writing, was most of a new account's cost.
	if _, err := tx.exec(ctx, `INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email,
		created_at, status, user_type, has_role) SELECT x.tenant_id, CAST(?1 AS TEXT), a.id, a.kind, a.sort_name, a.email, a.created_at,
		a.status, CASE WHEN x.tenant_id = a.tenant_id OR a.user_type <> 'admin' THEN a.user_type ELSE 'standard' END, `+fmt.Sprintf(hasRoleValue, "a.id", "x.tenant_id")+`
		FROM accounts a JOIN (SELECT tenant_id FROM accounts WHERE id = ?2
			UNION SELECT tenant_id FROM tenant_members WHERE account_id = ?2) x ON true WHERE a.id = ?2`, terms[0], accountID); err != nil {
		return fmt.Errorf("store: terms: %w", err)
	}
	if len(terms) > 1 {
		cp, err := tx.prepare(ctx, `INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email,
			created_at, status, user_type, has_role) SELECT tenant_id, CAST(? AS TEXT), account_id, kind, sort_name, email,
			created_at, status, user_type, has_role FROM account_terms WHERE account_id = ? AND term = ?`)
		if err != nil {
			return fmt.Errorf("store: terms: %w", err)
		}
		defer cp.Close()
		for _, t := range terms[1:] {
			if err := cp.exec(ctx, t, accountID, terms[0]); err != nil {
				return fmt.Errorf("store: terms: %w", err)
			}
		}
	}
	return tx.syncMembers(ctx, accountID)
}

// syncTermStatus copies a changed status into the account's search rows.
func (tx *Tx) syncTermStatus(ctx context.Context, accountID int64, status string) error {
	if _, err := tx.exec(ctx, `UPDATE account_terms SET status = ? WHERE account_id = ?`, status, accountID); err != nil {
		return fmt.Errorf("store: terms: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE tenant_members SET status = ? WHERE account_id = ?`, status, accountID); err != nil {
		return fmt.Errorf("store: members: %w", err)
	}
	return nil
}
