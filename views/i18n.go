package views

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.toml
var locales embed.FS

// Languages are the catalogs Console ships, English first (the fallback).
var Languages = []language.Tag{language.English, language.French}

var bundle = func() *i18n.Bundle {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, _ := fs.Glob(locales, "locales/*.toml")
	for _, f := range files {
		if _, err := b.LoadMessageFileFS(locales, f); err != nil {
			panic(fmt.Sprintf("views: locale %s: %v", f, err))
		}
	}
	return b
}()

var matcher = language.NewMatcher(Languages)

// Lang picks "en" or "fr": the account's setting, else the browser's Accept-Language.
func Lang(setting, acceptLanguage string) string {
	if setting == "en" || setting == "fr" {
		return setting
	}
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, i, _ := matcher.Match(tags...)
	return Languages[i].String()
}

// NewLocalizer returns a translator for lang.
func NewLocalizer(lang string) *i18n.Localizer { return i18n.NewLocalizer(bundle, lang) }

// plain caches messages without placeholders, per language: a table page
// asks for the same few dozen strings hundreds of times.
var plain sync.Map // lang + "\x00" + id → string

// T translates id in the request's language; data fills {{.Field}} placeholders.
// Messages whose data are all strings are translated once with markers in
// place of the values, then filled by replacement: a table row needs no
// template execution.
func T(ctx context.Context, id string, data ...map[string]any) string {
	r := Req(ctx)
	key := r.Lang + "\x00" + id
	if len(data) == 0 {
		if s, ok := plain.Load(key); ok {
			return s.(string)
		}
		s := localize(r, id, nil)
		plain.Store(key, s)
		return s
	}
	if values, ok := stringValues(data[0]); ok {
		return fill(r, key, id, values)
	}
	return localize(r, id, data[0])
}

func localize(r *Request, id string, data map[string]any) string {
	loc := r.Loc
	if loc == nil {
		loc = NewLocalizer("en")
	}
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id // a missing key shows itself; a test keeps the catalogs complete
	}
	return s
}

// MessageIDs lists the ids of one catalog file, for the completeness test.
func MessageIDs(lang string) ([]string, error) {
	b, err := locales.ReadFile("locales/" + lang + ".toml")
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := toml.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(m))
	for k := range m {
		ids = append(ids, k)
	}
	return ids, nil
}

func stringValues(data map[string]any) (map[string]string, bool) {
	out := make(map[string]string, len(data))
	for k, v := range data {
		s, ok := v.(string)
		if !ok {
			return nil, false
		}
		out[k] = s
	}
	return out, true
}

func fill(r *Request, key, id string, values map[string]string) string {
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	slices.Sort(names)
	key += "\x00" + strings.Join(names, ",")
	msg, ok := plain.Load(key)
	if !ok {
		markers := make(map[string]any, len(names))
		for _, k := range names {
			markers[k] = "\x01" + k + "\x01"
		}
		msg = localize(r, id, markers)
		plain.Store(key, msg)
	}
	out := msg.(string)
	for k, v := range values {
		out = strings.ReplaceAll(out, "\x01"+k+"\x01", v)
	}
	return out
}
