package importer

import (
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The fields a column can map to.
const (
	Login     = "login"
	FirstName = "first_name"
	LastName  = "last_name"
	Email     = "email"
	UserType  = "user_type"
	Language  = "language"
	TimeZone  = "time_zone"
	Currency  = "currency"
	Roles     = "roles"
	Groups    = "groups"
	Expires   = "expires_at"
	Method    = "auth_method"
	Tenant    = "tenant"
)

// Fields lists the fields in the order the mapping form shows them.
var Fields = []string{Login, FirstName, LastName, Email, UserType, Language, TimeZone, Currency, Roles, Groups, Expires, Method, Tenant}

// headerNames are the header names (EN and FR, compared folded: lower
// case, no accents, no spaces or punctuation) each field is guessed from.
var headerNames = map[string][]string{
	Login:     {"login", "username", "user", "userid", "identifiant", "nomdutilisateur", "utilisateur"},
	FirstName: {"firstname", "givenname", "first", "prenom"},
	LastName:  {"lastname", "surname", "familyname", "last", "nom", "nomdefamille"},
	Email:     {"email", "emailaddress", "mail", "courriel", "adressecourriel", "adresseemail", "adressemail", "adresseelectronique"},
	UserType:  {"usertype", "type", "typedutilisateur", "typeutilisateur"},
	Language:  {"language", "lang", "locale", "langue"},
	TimeZone:  {"timezone", "tz", "zone", "fuseauhoraire", "fuseau"},
	Currency:  {"currency", "devise", "monnaie"},
	Roles:     {"roles", "role"},
	Groups:    {"groups", "group", "groupes", "groupe"},
	Expires: {"expires", "expiresat", "expiry", "expiration", "expirationdate", "enddate", "validuntil", "accountexpires",
		"datedexpiration", "datedefin", "expirele", "finduncompte", "expirationducompte"},
	Method: {"signinmethod", "authmethod", "authentication", "signin", "methodedeconnexion", "connexion", "authentification"},
	Tenant: {"tenant", "customer", "subtenant", "client", "locataire", "souslocataire", "organisation", "organization"},
}

// Mapping maps a field to the index of its column; a field left out is
// not imported.
type Mapping map[string]int

// fold is a header compared: lower case, without accents, spaces or punctuation.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Guess maps header's columns to fields: by the saved mapping first (a
// field to the header it was mapped from last time), then by name.
func Guess(header []string, saved map[string]string) Mapping {
	m := Mapping{}
	taken := map[int]bool{}
	put := func(field string, want func(h string) bool) {
		if _, ok := m[field]; ok {
			return
		}
		for i, h := range header {
			if !taken[i] && want(h) {
				m[field], taken[i] = i, true
				return
			}
		}
	}
	for _, f := range Fields {
		if name, ok := saved[f]; ok {
			put(f, func(h string) bool { return strings.TrimSpace(h) == name })
		}
	}
	for _, f := range Fields {
		for _, n := range headerNames[f] {
			put(f, func(h string) bool { return fold(h) == n })
		}
	}
	return m
}

// Unmapped lists the headers no field reads (a warning: the column is
// ignored).
func (m Mapping) Unmapped(header []string) []string {
	used := map[int]bool{}
	for _, i := range m {
		used[i] = true
	}
	var out []string
	for i, h := range header {
		if !used[i] && strings.TrimSpace(h) != "" {
			out = append(out, h)
		}
	}
	return out
}

// Names is the mapping by header name, as it is remembered.
func (m Mapping) Names(header []string) map[string]string {
	out := map[string]string{}
	for f, i := range m {
		if i >= 0 && i < len(header) {
			out[f] = strings.TrimSpace(header[i])
		}
	}
	return out
}

// JSON is the mapping by header name as a JSON object (sorted keys).
func (m Mapping) JSON(header []string) string {
	b, _ := json.Marshal(m.Names(header))
	return string(b)
}

// ParseSaved reads a remembered mapping ("" is none).
func ParseSaved(s string) map[string]string {
	out := map[string]string{}
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

// cell is row's value for field, trimmed; "" when unmapped or absent.
func (m Mapping) cell(r Row, field string) string {
	i, ok := m[field]
	if !ok || i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// mapped reports whether field reads a column.
func (m Mapping) mapped(field string) bool {
	_, ok := m[field]
	return ok
}
