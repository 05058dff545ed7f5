// Package i18n is Console's translation, a leaf both the HTML console and the
// JSON API use: the English and French catalogs, the language a request
// speaks (carried in its context), and T, which translates a message id.
package i18n

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.toml
var locales embed.FS

// Languages are the catalogs Console ships, English first (the fallback).
var Languages = []language.Tag{language.English, language.French}

var bundle = func() *goi18n.Bundle {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, _ := fs.Glob(locales, "locales/*.toml")
	for _, f := range files {
		if _, err := b.LoadMessageFileFS(locales, f); err != nil {
			panic(fmt.Sprintf("i18n: locale %s: %v", f, err))
		}
	}
	return b
}()

var matcher = language.NewMatcher(Languages)

// Pick chooses "en" or "fr": the account's setting, else the browser's Accept-Language.
func Pick(setting, acceptLanguage string) string {
	if setting == "en" || setting == "fr" {
		return setting
	}
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, i, _ := matcher.Match(tags...)
	return Languages[i].String()
}

// locale is the language a context speaks, with its translator and the
// viewer's time zone.
type locale struct {
	lang string
	loc  *goi18n.Localizer
	tz   *time.Location
}

type localeKey struct{}

// With returns ctx speaking lang ("en" or "fr"; anything else is English),
// for a viewer in tz (nil is UTC).
func With(ctx context.Context, lang string, tz *time.Location) context.Context {
	if lang != "en" && lang != "fr" {
		lang = "en"
	}
	if tz == nil {
		tz = time.UTC
	}
	return context.WithValue(ctx, localeKey{}, &locale{lang: lang, loc: goi18n.NewLocalizer(bundle, lang), tz: tz})
}

var english = &locale{lang: "en", loc: goi18n.NewLocalizer(bundle, "en"), tz: time.UTC}

func localeOf(ctx context.Context) *locale {
	if l, ok := ctx.Value(localeKey{}).(*locale); ok {
		return l
	}
	return english
}

// Lang is the language ctx speaks: "en" (the default) or "fr".
func Lang(ctx context.Context) string { return localeOf(ctx).lang }

// TZ is the viewer's time zone in ctx; UTC by default.
func TZ(ctx context.Context) *time.Location { return localeOf(ctx).tz }

// msgKey names a cached translation: arg is the one placeholder it carries
// (as a marker, filled by replacement), or "" for none.
type msgKey struct{ lang, id, arg string }

// cache holds translations already made: a table page asks for the same few
// dozen strings hundreds of times, most with at most one string placeholder.
var cache = struct {
	sync.RWMutex
	m map[msgKey]translation
}{m: map[msgKey]translation{}}

// translation is a message as made, and whether the requested language
// lacked it (it then shows its id).
type translation struct {
	s       string
	missing bool
}

// T translates id in the request's language; data fills {{.Field}} placeholders.
// A message missing from the language's catalog shows its id, and is
// reported to the context's MissingKeys, if any (tests).
func T(ctx context.Context, id string, data ...map[string]any) string {
	tr := translate(ctx, id, data...)
	if tr.missing {
		if m, ok := ctx.Value(missingKey{}).(*MissingKeys); ok {
			m.add(Lang(ctx), id)
		}
	}
	return tr.s
}

// translate is T without reporting a missing message, for callers that
// probe whether a label exists and fall back.
func translate(ctx context.Context, id string, data ...map[string]any) translation {
	r := localeOf(ctx)
	switch {
	case len(data) == 0 || len(data[0]) == 0:
		return cached(r, msgKey{r.lang, id, ""})
	case len(data[0]) == 1:
		for k, v := range data[0] {
			if s, ok := v.(string); ok {
				tr := cached(r, msgKey{r.lang, id, k})
				tr.s = strings.ReplaceAll(tr.s, "\x01"+k+"\x01", s)
				return tr
			}
		}
	}
	return localize(r, id, data[0])
}

// cached translates once per key; a placeholder is translated as a marker.
func cached(r *locale, k msgKey) translation {
	cache.RLock()
	tr, ok := cache.m[k]
	cache.RUnlock()
	if ok {
		return tr
	}
	var data map[string]any
	if k.arg != "" {
		data = map[string]any{k.arg: "\x01" + k.arg + "\x01"}
	}
	tr = localize(r, k.id, data)
	cache.Lock()
	cache.m[k] = tr
	cache.Unlock()
	return tr
}

func localize(r *locale, id string, data map[string]any) translation {
	s, err := r.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		// A missing key shows itself; tests keep the catalogs complete.
		var nf *goi18n.MessageNotFoundErr
		return translation{s: id, missing: errors.As(err, &nf)}
	}
	return translation{s: s}
}

type missingKey struct{}

// MissingKeys collects the message ids that T did not find in the requested
// language, "lang:id" each. Tests put one in every request's context
// (RecordMissing) and fail when a page rendered a key the catalogs lack,
// including keys built at run time, which no scan of the source finds.
type MissingKeys struct {
	mu  sync.Mutex
	ids map[string]bool
}

// RecordMissing returns ctx reporting every missing message to m.
func RecordMissing(ctx context.Context, m *MissingKeys) context.Context {
	return context.WithValue(ctx, missingKey{}, m)
}

func (m *MissingKeys) add(lang, id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ids == nil {
		m.ids = map[string]bool{}
	}
	m.ids[lang+":"+id] = true
}

// List returns the missing ids reported so far, sorted.
func (m *MissingKeys) List() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]string, 0, len(m.ids))
	for id := range m.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
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
