package web

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"strings"
	"testing"
)

// TestAvatarUpload: a picture is checked, re-encoded as PNG at most 512 px,
// shown in the header and on My account, served with a fixed type, removable.
func TestAvatarUpload(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ann := env.user("ann@acme.test", "standard", "active", "member")
	c := env.signedIn("ann@acme.test")
	if res := c.get("/account"); res.doc.Find(".topbar .avatar.initials").Text() != "AT" {
		t.Errorf("header without a picture shows %q, want the initials AT", res.doc.Find(".topbar .avatar").Text())
	}

	bad := []struct {
		name, file, ctype string
		data              []byte
		want              string
	}{
		{"no file", "", "", nil, "Choose a picture"},
		{"not an image", "notes.png", "image/png", []byte("just some text, not a picture"), "not a picture"},
		{"text with PNG magic", "fake.png", "image/png", append([]byte("\x89PNG\r\n\x1a\n"), "hello"...), "not a picture"},
		{"a GIF named .png", "cat.png", "image/png", encodeGIF(t, testImage(8, 8)), "its content is another"},
		{"a PNG sent as image/gif", "cat.gif", "image/gif", tinyPNG(t), "its content is another"},
		{"a PNG whose type says GIF", "cat.png", "image/gif", tinyPNG(t), "its content is another"},
		{"an SVG", "logo.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), "PNG, JPEG or GIF"},
		{"no extension", "picture", "image/png", tinyPNG(t), "PNG, JPEG or GIF"},
		{"over 1 MB", "big.png", "image/png", append(tinyPNG(t), make([]byte, 1_000_000)...), "larger than 1 MB"},
		{"a decompression bomb", "bomb.png", "image/png", bombPNG(t, 60000, 60000), "too many pixels"},
		{"too wide", "wide.png", "image/png", bombPNG(t, 9000, 10), "too many pixels"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			res := c.upload("/account/avatar", tt.file, tt.ctype, tt.data)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if msg := res.doc.Find("#avatar-error").Text(); !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want it to say %q", msg, tt.want)
			}
		})
	}
	if key, _ := env.st.AvatarKey(context.Background(), env.tenant.ID, ann.ID); key != "" {
		t.Fatal("a refused upload stored an avatar")
	}

	for _, ok := range []struct {
		file string
		data []byte
		w, h int
	}{
		{"photo.JPG", encodeJPEG(t, testImage(1200, 600)), 512, 256},
		{"tall.gif", encodeGIF(t, testImage(100, 1024)), 50, 512},
		{"small.png", encodePNG(t, testImage(40, 30)), 40, 30},
	} {
		res := c.upload("/account/avatar", ok.file, "", ok.data)
		wantStatus(t, res, http.StatusSeeOther)
		page := c.get("/account")
		src, _ := page.doc.Find(".account .avatar.large").Attr("src")
		head, _ := page.doc.Find(".topbar img.avatar").Attr("src")
		if !strings.HasPrefix(src, "/avatars/") || head != src {
			t.Fatalf("%s: page shows %q, header %q", ok.file, src, head)
		}
		img := c.get(src)
		wantStatus(t, img, http.StatusOK)
		if ct := img.Header.Get("Content-Type"); ct != "image/png" {
			t.Errorf("%s: served as %q, want image/png", ok.file, ct)
		}
		if img.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(img.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("%s: served without nosniff and a sandbox policy: %v", ok.file, img.Header)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader([]byte(img.body)))
		if err != nil || cfg.Width != ok.w || cfg.Height != ok.h {
			t.Errorf("%s: served %dx%d (%v), want a %dx%d PNG", ok.file, cfg.Width, cfg.Height, err, ok.w, ok.h)
		}
	}
	src, _ := c.get("/account").doc.Find(".account .avatar.large").Attr("src")

	// Another tenant never sees it; nobody signed out does.
	other, otherRoles := env.newTenant("Other", "other")
	env.userIn(other.ID, otherRoles, "admin@other.test", "admin", "active")
	wantStatus(t, env.signedIn("admin@other.test").get(src), http.StatusNotFound)
	if res := env.client().get(src); res.StatusCode != http.StatusSeeOther {
		t.Errorf("avatar without a session: %d, want a redirect to sign-in", res.StatusCode)
	}
	wantStatus(t, c.get("/avatars/../../etc/passwd"), http.StatusNotFound)

	res := c.post("/account/avatar/remove", nil, htmx("#account")...)
	if res.Header.Get("HX-Redirect") != tp("/account?done=avatar_removed") {
		t.Fatalf("remove: HX-Redirect %q", res.Header.Get("HX-Redirect"))
	}
	wantStatus(t, c.get(src), http.StatusNotFound)
	if n, _ := env.st.AuditCount(context.Background(), "account.avatar_set"); n != 3 {
		t.Errorf("%d avatar events, want 3", n)
	}
}
