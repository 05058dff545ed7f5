package views

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
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

// msgKey names a cached translation: arg is the one placeholder it carries
// (as a marker, filled by replacement), or "" for none.
type msgKey struct{ lang, id, arg string }

// cache holds translations already made: a table page asks for the same few
// dozen strings hundreds of times, most with at most one string placeholder.
var cache = struct {
	sync.RWMutex
	m map[msgKey]string
}{m: map[msgKey]string{}}

// T translates id in the request's language; data fills {{.Field}} placeholders.
func T(ctx context.Context, id string, data ...map[string]any) string {
	r := Req(ctx)
	switch {
	case len(data) == 0 || len(data[0]) == 0:
		return cached(r, msgKey{r.Lang, id, ""})
	case len(data[0]) == 1:
		for k, v := range data[0] {
			if s, ok := v.(string); ok {
				return strings.ReplaceAll(cached(r, msgKey{r.Lang, id, k}), "\x01"+k+"\x01", s)
			}
		}
	}
	return localize(r, id, data[0])
}

// cached translates once per key; a placeholder is translated as a marker.
func cached(r *Request, k msgKey) string {
	cache.RLock()
	s, ok := cache.m[k]
	cache.RUnlock()
	if ok {
		return s
	}
	var data map[string]any
	if k.arg != "" {
		data = map[string]any{k.arg: "\x01" + k.arg + "\x01"}
	}
	s = localize(r, k.id, data)
	cache.Lock()
	cache.m[k] = s
	cache.Unlock()
	return s
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

// MessageIDs lists the ids of a language's catalog files (locales/LANG.toml
// and locales/AREA.LANG.toml), for the completeness test.
func MessageIDs(lang string) ([]string, error) {
	files, _ := fs.Glob(locales, "locales/*"+lang+".toml")
	var ids []string
	for _, f := range files {
		if base := f[len("locales/"):]; base != lang+".toml" && base[len(base)-len(lang)-6] != '.' {
			continue // "xen.toml" is not English
		}
		b, err := locales.ReadFile(f)
		if err != nil {
			return nil, err
		}
		m := map[string]any{}
		if err := toml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k := range m {
			ids = append(ids, k)
		}
	}
	return ids, nil
}
