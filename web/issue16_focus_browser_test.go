package web

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
)

// ringJS measures the focused element's focus ring: whether it shows
// (:focus-visible), its style and width, and its colour's contrast on white.
const ringJS = `(() => {
	const el = document.activeElement, cs = getComputedStyle(el);
	const m = (cs.outlineColor.match(/[\d.]+/g) || [255, 255, 255]).map(Number);
	const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
	const L = 0.2126 * lin(m[0]) + 0.7152 * lin(m[1]) + 0.0722 * lin(m[2]);
	return JSON.stringify({id: el.id, tag: el.tagName, visible: el.matches(':focus-visible'), style: cs.outlineStyle,
		width: parseFloat(cs.outlineWidth), ratio: 1.05 / (L + 0.05)});
})()`

type ring struct {
	ID, Tag      string
	Visible      bool
	Style        string
	Width, Ratio float64
}

func focusRing(t *testing.T, ctx context.Context) ring {
	t.Helper()
	var r ring
	if err := json.Unmarshal([]byte(evalString(t, ctx, ringJS)), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func wantRing(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	r := focusRing(t, ctx)
	if !r.Visible || r.Style == "none" || r.Width < 2 || r.Ratio < 3 {
		t.Errorf("%s: focus ring on %s#%s is %s %.0fpx at %.2f:1 on white (visible %v), want a ring of at least 2px and 3:1",
			where, r.Tag, r.ID, r.Style, r.Width, r.Ratio, r.Visible)
	}
}

// TestIssue16FocusAfterSortAndRing (defect 9): sorting and paging the users
// table with Enter keep focus on the control or the table, never <body>;
// focus rings are at least 2px and 3:1 on white, the switcher's too.
func TestIssue16FocusAfterSortAndRing(t *testing.T) {
	env := newEnv(t)
	newProviderWorld(env)
	env.seedUsers("Paged", 60)
	ctx := browser(t)
	base := env.srv.URL
	step(t, ctx, "sign in", chromedp.Navigate(base+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "sam@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#switcher-button")))
	step(t, ctx, "open the switcher with Enter", chromedp.Focus(chromedp.CSS("#switcher-button")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the switcher's filter box has focus", `document.activeElement.id === 'switcher-q'`)
	wantRing(t, ctx, "switcher filter box")
	step(t, ctx, "close the switcher", chromedp.KeyEvent("\x1b"))

	// Sort and page as the tenant's admin, who sees everyone.
	step(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`.topbar form[action="/signout"] button`)), chromedp.WaitVisible(chromedp.CSS("#email")))
	step(t, ctx, "sign in as the admin", chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"), chromedp.WaitVisible(chromedp.CSS("header.topbar")))
	step(t, ctx, "the users, everyone", chromedp.Navigate(base+"/users?norole=1"), chromedp.WaitVisible(chromedp.CSS("#users-table")))
	// The controls are found by what they link to, not by id, as on the old page.
	sortEmail := `#users-table thead a[href*="sort=email"]`
	step(t, ctx, "sort by email with Enter", chromedp.Focus(chromedp.CSS(sortEmail)), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the table is sorted by email (or focus fell to <body>)",
		`location.search.includes('sort=email') && document.querySelector('th[aria-sort="ascending"] a[href*="sort=email"]') !== null`)
	onSort := `document.activeElement.tagName === 'A' && document.activeElement.closest('th') !== null &&
		document.activeElement.closest('th').getAttribute('aria-sort') !== 'none' && document.activeElement.href.includes('sort=email')`
	if got := evalString(t, ctx, `String(`+onSort+`) + ' ' + document.activeElement.tagName`); got != "true A" {
		t.Fatalf("after sorting with Enter focus is on %q, want the Email sort header link", got)
	}
	wantRing(t, ctx, "sort header")
	step(t, ctx, "sort again with Enter", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "descending", `document.querySelector('th[aria-sort="descending"] a[href*="sort=email"]') !== null`)
	if got := evalString(t, ctx, `String(`+onSort+`) + ' ' + document.activeElement.tagName`); got != "true A" {
		t.Fatalf("after sorting again focus is on %q, want the Email sort header link", got)
	}

	step(t, ctx, "next page with Enter", chromedp.Focus(chromedp.CSS(`#users-table a[rel=next]`)), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "page 2", `document.querySelector('#users-table a[rel=prev]') !== null`)
	if got := evalString(t, ctx, `document.activeElement === document.body ? 'BODY' : String(document.querySelector('#users-table').contains(document.activeElement))`); got != "true" {
		t.Fatalf("after paging with Enter focus is on %q, want the table or its pager", got)
	}
	wantRing(t, ctx, "after paging")
	step(t, ctx, "back a page with Enter", chromedp.Focus(chromedp.CSS(`#users-table a[rel=prev]`)), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "page 1", `document.querySelector('#users-table a[rel=next]') !== null && document.querySelector('#users-table a[rel=prev]') === null`)
	if got := evalString(t, ctx, `document.activeElement === document.body ? 'BODY' : document.activeElement.id`); got != "pager-next" && got != "users-table" {
		t.Fatalf("after paging back focus is on %q, want the pager or the table", got)
	}
}
