// Package static embeds the console's CSS, JavaScript (vendored htmx) and images.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sync"
)

// FS holds the static files, served under /static/.
//
//go:embed *.css *.js *.svg
var FS embed.FS

// hashes are the first 16 hex digits of each file's SHA-256, computed once.
var hashes = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	names, _ := fs.Glob(FS, "*")
	for _, name := range names {
		b, err := FS.ReadFile(name)
		if err != nil {
			continue
		}
		sum := sha256.Sum256(b)
		m[name] = hex.EncodeToString(sum[:8])
	}
	return m
})

// Hash is the content hash of a static file, "" for none.
func Hash(name string) string { return hashes()[name] }

// URL is where pages link a static file: its path with the content hash as
// ?v=, so the file can be cached for good and a new binary's file is a new URL.
func URL(name string) string {
	if h := Hash(name); h != "" {
		return "/static/" + name + "?v=" + h
	}
	return "/static/" + name
}
