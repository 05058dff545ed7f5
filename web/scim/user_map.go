package scim

import (
	"strings"
	"time"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/scim/patch"
)

// userResource is account a as a SCIM User: userName (login), name,
// displayName ("First Last"), one work email (primary), active (status
// active; pending and deactivated people are false), externalId,
// preferredLanguage (en or fr when chosen), timezone, groups (read-only)
// and meta. groups nil leaves the attribute out.
func (s *Server) userResource(a store.Account, groups []store.Ref) map[string]any {
	display := strings.TrimSpace(a.FirstName + " " + a.LastName)
	name := map[string]any{}
	if a.FirstName != "" {
		name["givenName"] = a.FirstName
	}
	if a.LastName != "" {
		name["familyName"] = a.LastName
	}
	if display != "" {
		name["formatted"] = display
	}
	m := map[string]any{
		"schemas":  []string{patch.UserURN},
		"id":       itoa(a.ID),
		"userName": a.Login,
		"active":   a.Status == "active",
		"meta":     s.meta("User", "/Users/", a.ID, a.CreatedAt, a.UpdatedAt),
	}
	if len(name) > 0 {
		m["name"] = name
	}
	if display != "" {
		m["displayName"] = display
	}
	if a.Email != "" {
		m["emails"] = []any{map[string]any{"value": a.Email, "type": "work", "primary": true}}
	}
	if a.ExternalID != "" {
		m["externalId"] = a.ExternalID
	}
	if a.Language == "en" || a.Language == "fr" {
		m["preferredLanguage"] = a.Language
	}
	if a.TimeZone != "" {
		m["timezone"] = a.TimeZone
	}
	if groups != nil {
		list := make([]any, 0, len(groups))
		for _, g := range groups {
			list = append(list, map[string]any{"value": itoa(g.ID), "display": g.Name, "type": "direct",
				"$ref": s.baseURL + Base + "/Groups/" + itoa(g.ID)})
		}
		m["groups"] = list
	}
	return m
}

// meta is a resource's meta attribute; lastModified is created when zero.
func (s *Server) meta(kind, path string, id int64, created, modified time.Time) map[string]any {
	if modified.IsZero() || modified.Before(created) {
		modified = created
	}
	return map[string]any{"resourceType": kind, "created": stamp(created), "lastModified": stamp(modified),
		"location": s.baseURL + Base + path + itoa(id)}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// userOf reads what the provider keeps of a person from a User resource
// (after patch.Coerce or patch.Apply). The email is the primary one, else
// the work one, else the first; preferredLanguage wins over locale unless
// localeFirst (a PATCH that set locale over the stored language).
func userOf(m map[string]any, localeFirst bool) store.SCIMUser {
	u := store.SCIMUser{Login: text(m["userName"]), ExternalID: text(m["externalId"]), TimeZone: text(m["timezone"]), Active: true}
	if name, ok := m["name"].(map[string]any); ok {
		u.FirstName, u.LastName = text(name["givenName"]), text(name["familyName"])
	}
	if v, ok := m["active"].(bool); ok {
		u.Active = v
	}
	u.Email = strings.ToLower(strings.TrimSpace(pickEmail(m["emails"])))
	pref, locale := text(m["preferredLanguage"]), text(m["locale"])
	u.Language = pref
	if locale != "" && (pref == "" || localeFirst) {
		u.Language = locale
	}
	return u
}

// pickEmail is the primary email's value, else the work one's, else the first's.
func pickEmail(v any) string {
	list, _ := v.([]any)
	var work, first string
	for _, el := range list {
		e, ok := el.(map[string]any)
		if !ok {
			continue
		}
		value := text(e["value"])
		if value == "" {
			continue
		}
		if p, _ := e["primary"].(bool); p {
			return value
		}
		if work == "" && strings.EqualFold(text(e["type"]), "work") {
			work = value
		}
		if first == "" {
			first = value
		}
	}
	if work != "" {
		return work
	}
	return first
}

// text is v as a string; "" when it is not one.
func text(v any) string {
	s, _ := v.(string)
	return s
}
