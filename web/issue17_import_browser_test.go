package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The import on a phone: upload through htmx, map, preview, apply, each
// page without sideways scrolling at 390 px.
func TestIssue17_ImportBrowserPhone(t *testing.T) {
	env := newEnv(t)
	env.user("carol@acme.test", "standard", "active")
	file := filepath.Join(t.TempDir(), "a-rather-long-file-name-of-people-to-import-2026.csv")
	long := strings.Repeat("x", 80)
	if err := os.WriteFile(file, []byte("\ufeffLogin;Prénom;Nom;Courriel;Une colonne au nom très long que personne ne lit\r\n"+
		"alice;Alice;Martin;alice@acme.test;"+long+"\r\ncarol;Caroline;Tester;carol@acme.test;\r\n"+
		"bob"+long+";Bob;Tester;bob@acme.test;\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	base := env.srv.URL
	noScroll := func(where string) {
		t.Helper()
		if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
			t.Errorf("%s scrolls sideways at 390 px", where)
		}
	}
	step(t, ctx, "sign in", chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/users/import"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#import-file")),
	)
	noScroll("the upload form")
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	step(t, ctx, "upload", chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{file}),
		chromedp.Click(chromedp.CSS("#import-upload")), chromedp.WaitVisible(chromedp.CSS("#import-col-0")))
	if evalString(t, ctx, `String(window.__noReload === true)`) != "true" {
		t.Error("the upload reloaded the page instead of an htmx swap")
	}
	noScroll("the mapping page")
	step(t, ctx, "preview", chromedp.Click(chromedp.CSS("#import-preview")), chromedp.WaitVisible(chromedp.CSS("#import-rows")))
	noScroll("the preview")
	if got := evalString(t, ctx, `document.querySelector('#import-counts').textContent`); !strings.Contains(got, "to create") {
		t.Errorf("preview counts say %q", got)
	}
	step(t, ctx, "apply", chromedp.Click(chromedp.CSS("#import-apply")), chromedp.WaitVisible(chromedp.CSS("#job-heading")))
	noScroll("the job page")
}
