package web

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIssue16_Audit_BrowserWidths: at 1440 px the Target column shows a
// long name whole while Details stays a column among others; at 390 px each
// event is a card and the page does not scroll sideways; both languages.
func TestIssue16_Audit_BrowserWidths(t *testing.T) {
	env := newEnv(t)
	ctx0, by := context.Background(), actorFor(env)
	z := zoe(t, env, "project_manager", "auditor")
	if err := env.st.SetRoles(ctx0, by, z.ID, []int64{env.roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	g, err := env.st.CreateGroup(ctx0, by, "Ingénierie plateforme et infrastructure", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx0, by, g.ID, []int64{z.ID, env.admin.ID}); err != nil {
		t.Fatal(err)
	}
	p, err := env.st.CreateProject(ctx0, by, "Apollo", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectTeams(ctx0, by, p.ID, []int64{g.ID}, "write"); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	c.post("/service-accounts", url.Values{"name": {"Billing Sync"}, "role": {itoa(env.roles["auditor"])}})
	c.post("/account/keys", url.Values{"name": {"laptop"}, "expires": {"never"}})
	pr := profileOf(z, "Zoë", "Smith-Montgomery")
	if _, err := env.st.UpdateProfile(ctx0, by, z.ID, pr); err != nil {
		t.Fatal(err)
	}
	fr := env.user("fr@acme.test", "admin", "active")
	pf := profileOf(fr, fr.FirstName, fr.LastName)
	pf.Language = "fr"
	if _, err := env.st.UpdateProfile(ctx0, by, fr.ID, pf); err != nil {
		t.Fatal(err)
	}

	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			ctx := browser(t)
			base := env.srv.URL
			email := map[string]string{"en": "admin@acme.test", "fr": "fr@acme.test"}[lang]
			step(t, ctx, "sign in", chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS("#email")),
				chromedp.SendKeys(chromedp.CSS("#email"), email), chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
				chromedp.WaitNotPresent(chromedp.CSS("#password")))
			step(t, ctx, "wide", chromedp.EmulateViewport(1440, 900), chromedp.Navigate(base+"/t/acme/audit"),
				chromedp.WaitVisible(chromedp.CSS("#audit-table")))
			// The group's long name wraps in its cell instead of being cut.
			cut := evalString(t, ctx, `String([...document.querySelectorAll('.audit-grid > tbody > tr > td:nth-child(4)')].some(td => td.scrollWidth > td.clientWidth + 1))`)
			if cut != "false" {
				t.Errorf("a target is cut at 1440 px")
			}
			target, _ := strconv.Atoi(evalString(t, ctx, `String(document.querySelector('.audit-grid > thead th:nth-child(4)').offsetWidth)`))
			details, _ := strconv.Atoi(evalString(t, ctx, `String(document.querySelector('.audit-grid > thead th:nth-child(6)').offsetWidth)`))
			if target < 200 || details > 2*target {
				t.Errorf("at 1440 px Target is %d px and Details %d px", target, details)
			}
			screenshot(t, ctx, "1440")
			step(t, ctx, "open details wide", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.audit-grid details').forEach(d => d.open = true)`),
				chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.audit-grid > tbody > tr')[10].scrollIntoView()`))
			if cut := evalString(t, ctx, `String([...document.querySelectorAll('.audit-grid > tbody > tr > td:nth-child(4)')].some(td => td.scrollWidth > td.clientWidth + 1))`); cut != "false" {
				t.Errorf("a target is cut at 1440 px with details open")
			}
			viewShot(t, ctx, "1440-open")
			step(t, ctx, "narrow", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/t/acme/audit"),
				chromedp.WaitVisible(chromedp.CSS("#audit-table")))
			if w := evalString(t, ctx, `String(document.documentElement.scrollWidth)`); w != "390" {
				t.Errorf("at 390 px the page is %s px wide", w)
			}
			if d := evalString(t, ctx, `getComputedStyle(document.querySelector('.audit-grid > tbody > tr')).display`); d != "grid" {
				t.Errorf("at 390 px an event shows as %q, not a card", d)
			}
			step(t, ctx, "open details", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.audit-grid details').forEach(d => d.open = true)`))
			if w := evalString(t, ctx, `String(document.documentElement.scrollWidth)`); w != "390" {
				t.Errorf("at 390 px with details open the page is %s px wide", w)
			}
			screenshot(t, ctx, "390")
			viewShot(t, ctx, "390-top")
			step(t, ctx, "scroll", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.audit-grid > tbody > tr')[11].scrollIntoView()`))
			viewShot(t, ctx, "390-roles")
		})
	}
}

// viewShot saves what the window shows (a full page at 390 px is too tall to read).
func viewShot(t *testing.T, ctx context.Context, name string) {
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	dir := filepath.Join("testdata", "screenshots")
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+"-"+name+".png"), png, 0o644)
}
