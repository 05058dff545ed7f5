// Package static embeds the console's CSS, JavaScript (vendored htmx) and images.
package static

import "embed"

// FS holds the static files, served under /static/.
//
//go:embed *.css *.js *.svg
var FS embed.FS
