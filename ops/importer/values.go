package importer

import (
	"strconv"
	"strings"
	"time"
)

// Values are one row's cells by field, as the file says them ("" where
// the file says nothing: the person keeps what they have).
type Values struct {
	Login     string   `json:"login,omitempty"`
	FirstName string   `json:"first_name,omitempty"`
	LastName  string   `json:"last_name,omitempty"`
	Email     string   `json:"email,omitempty"`
	UserType  string   `json:"user_type,omitempty"`
	Language  string   `json:"language,omitempty"`
	TimeZone  string   `json:"time_zone,omitempty"`
	Currency  string   `json:"currency,omitempty"`
	Method    string   `json:"auth_method,omitempty"`
	Tenant    string   `json:"tenant,omitempty"`
	Roles     []string `json:"roles,omitempty"` // nil: keep the person's roles
	Groups    []string `json:"groups,omitempty"`
	Expires   string   `json:"expires_at,omitempty"` // when the account ends: "YYYY-MM-DD" (or RFC 3339)
}

// values reads row r through m (of a workbook: sheet).
func (m Mapping) values(r Row, sheet bool) Values {
	v := Values{
		Login: m.cell(r, Login), FirstName: m.cell(r, FirstName), LastName: m.cell(r, LastName),
		Email: strings.ToLower(m.cell(r, Email)), UserType: userType(m.cell(r, UserType)),
		Language: language(m.cell(r, Language)), TimeZone: m.cell(r, TimeZone),
		Currency: strings.ToUpper(m.cell(r, Currency)), Method: method(m.cell(r, Method)),
		Tenant: strings.ToLower(m.cell(r, Tenant)),
		Roles:  names(m.cell(r, Roles)), Groups: names(m.cell(r, Groups)),
		Expires: date(m.cell(r, Expires), sheet),
	}
	return v
}

// date reads a date cell: as written ("2027-01-31", RFC 3339), a day
// number since 1899-12-30 (a date cell saved as a number), or, in a
// workbook, the built-in short date it renders ("01-31-27", month first
// whatever the locale: a CSV's "01-02-30" is left to be refused, as a day
// or a month first cannot be told). Anything else is kept for the
// operation to refuse.
func date(s string, sheet bool) string {
	if t, err := time.Parse("01-02-06", s); err == nil && sheet {
		return t.Format(time.DateOnly)
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 2958466 {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(time.DateOnly)
	}
	return s
}

// names splits a list cell at commas, semicolons and bars.
func names(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// The words a file may use for a choice, EN and FR, folded; an unknown
// word is kept as it is, for the operation to refuse by its field.
var (
	userTypes = map[string]string{"admin": "admin", "administrator": "admin", "administrateur": "admin",
		"administratrice": "admin", "standard": "standard", "readonly": "read_only", "lectureseule": "read_only"}
	languages = map[string]string{"en": "en", "english": "en", "anglais": "en", "fr": "fr", "french": "fr",
		"francais": "fr", "browser": "browser", "navigateur": "browser"}
	methods = map[string]string{"password": "password", "motdepasse": "password", "sso": "sso",
		"singlesignon": "sso", "authentificationunique": "sso"}
)

func choice(words map[string]string, s string) string {
	if v, ok := words[fold(s)]; ok {
		return v
	}
	return s
}

func userType(s string) string { return choice(userTypes, s) }
func language(s string) string { return choice(languages, s) }
func method(s string) string   { return choice(methods, s) }

// formula reports a cell a spreadsheet would read as a formula.
func formula(s string) bool { return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) }
