package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// render writes a component with status, buffered so a rendering error still
// gets a clean error page instead of half a page.
func render(c echo.Context, status int, comps ...templ.Component) error {
	buf, out := getBuffer(), getBuffer()
	defer putBuffer(buf)
	defer putBuffer(out)
	for _, comp := range comps {
		if err := comp.Render(c.Request().Context(), buf); err != nil {
			return err
		}
	}
	c.Response().Header().Add("Vary", "HX-Request")
	writeTenantLinks(out, buf.Bytes(), views.Req(c.Request().Context()).TenantSlug)
	return c.HTMLBlob(status, out.Bytes())
}

// Render buffers are reused: a users page is about 64 KB, and growing a
// buffer from empty to that on every page was a good part of its garbage.
var buffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

func getBuffer() *bytes.Buffer {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// putBuffer returns b to the pool unless an unusual page grew it past 1 MB.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		buffers.Put(b)
	}
}

// page renders the full page, or only its block for an htmx request.
func page(c echo.Context, status int, full, block templ.Component) error {
	if isHTMX(c) {
		return render(c, status, block)
	}
	return render(c, status, full)
}

// isHTMX is true for htmx requests that want a fragment: not boosted, not a
// history restore (which needs the whole page).
func isHTMX(c echo.Context) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Boosted") != "true" && h.Get("HX-History-Restore-Request") != "true"
}

func hxTarget(c echo.Context) string { return c.Request().Header.Get("HX-Target") }

// redirect sends the browser to url: HX-Redirect for htmx, 303 otherwise.
func redirect(c echo.Context, url string) error {
	if isHTMX(c) {
		c.Response().Header().Set("HX-Redirect", url)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, url)
}

// toast tells an htmx page a short message without swapping anything. The
// header is pure ASCII: browsers read header bytes as Latin-1, so every
// non-ASCII character travels as a JSON \u escape.
func toast(c echo.Context, status int, msg string) error {
	c.Response().Header().Set("HX-Trigger", toastTrigger(msg))
	c.Response().Header().Set("HX-Reswap", "none")
	return c.String(status, msg)
}

// toastTrigger is the HX-Trigger value that shows msg as a toast.
func toastTrigger(msg string) string {
	b, _ := json.Marshal(map[string]string{"console:toast": msg})
	return asciiJSON(string(b))
}

func asciiJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, "\\u%04x\\u%04x", r1, r2)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}
