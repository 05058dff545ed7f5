package web

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
)

// TestRolePagesWorkByKeyboard: every control of the role form is a real,
// labelled form control, so the keyboard and screen readers reach them.
func TestRolePagesWorkByKeyboard(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	newModule(t, env, "billing", "Billing")
	c := env.signedIn("admin@acme.test")
	res := c.get("/roles/new")
	res.doc.Find(`main input:not([type="hidden"]), main textarea`).Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if id == "" || res.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("control %s has no label", id)
		}
	})
	if res.doc.Find(`main [tabindex]:not([tabindex="-1"])`).Length() != 0 {
		t.Error("positive tabindex breaks the keyboard order")
	}
}

// TestBrowserRoles: the htmx swaps of the roles page in a real browser — the
// form opens in place with focus on its first field, a permission is ticked by
// keyboard, and deleting a held role asks first, with focus on the question.
func TestBrowserRoles(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	newModule(t, env, "billing", "Billing")
	ctx := browser(t)
	step(t, ctx, "sign in",
		chromedp.Navigate(env.srv.URL+"/roles"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#roles-heading")),
	)
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	step(t, ctx, "open the new role form", chromedp.Click(chromedp.CSS("#role-new")))
	waitFor(t, ctx, "the form replaces the list in place, focused, titled and in the address bar",
		`document.activeElement.id === 'name' && document.title === 'New role · Console' && location.pathname === '/t/acme/roles/new' && window.__noReload === true`)
	step(t, ctx, "fill the form by keyboard",
		chromedp.SendKeys(chromedp.CSS("#name"), "Billing clerk"),
		chromedp.Focus(chromedp.CSS("#perm-users_view")), chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS("#module-billing")), chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS(".role-form button.primary")), chromedp.KeyEvent("\r"),
	)
	roleWaitLoad(t, ctx, "the roles page says the role was created",
		`location.search === '?done=created' && document.querySelector('[role=status]').textContent === 'Role created.'`)
	r := roleNamed(t, env, env.tenant.ID, "Billing clerk")
	if !slices.Equal(r.Permissions, []string{"module:billing", "users.view"}) {
		t.Fatalf("created with %v", r.Permissions)
	}
	if err := env.st.SetRoles(context.Background(), actorFor(env), env.user("bob@acme.test", "standard", "active").ID, []int64{r.ID}); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "delete the held role", chromedp.Click(chromedp.CSS(fmt.Sprintf("#role-%d-delete", r.ID))))
	waitFor(t, ctx, "the question shows, focused, with the count",
		`document.activeElement.id === 'dialog-title' && document.querySelector('#roles-dialog').textContent.includes('1 user and 0 groups hold this role')`)
	step(t, ctx, "delete anyway", chromedp.Click(chromedp.CSS("#dialog-confirm")))
	roleWaitLoad(t, ctx, "the role is gone", `location.search === '?done=deleted' && document.querySelector('#role-`+fmt.Sprint(r.ID)+`') === null`)
}

// roleWaitLoad is waitFor across a page load (an HX-Redirect), which ends
// every evaluation under way: it retries until the new page says expr.
func roleWaitLoad(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	expr = "document.readyState === 'complete' && (" + expr + ") && " + htmxIdle
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting until %s", what)
}
