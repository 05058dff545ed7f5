package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTenantForm: from the keyboard, a new tenant's form refused
// (slug taken) shows its message beside the field without a reload; fixed,
// it lands on the tree with the new tenant indented under its parent.
func TestBrowserTenantForm(t *testing.T) {
	env := newTenantsEnv(t)
	ctx := browser(t)
	base := env.srv.URL

	step(t, ctx, "sign in",
		chromedp.Navigate(base+"/tenants/new"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#name")),
	)
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	step(t, ctx, "fill in with a taken slug",
		chromedp.SendKeys(chromedp.CSS("#name"), "Gamma"),
		chromedp.SendKeys(chromedp.CSS("#slug"), "beta"),
		chromedp.SetValue(chromedp.CSS("#parent_id"), tenantID(env.alpha)),
		chromedp.SendKeys(chromedp.CSS("#admin_email"), "gia@gamma.test"),
		chromedp.SendKeys(chromedp.CSS("#admin_first_name"), "Gia"),
		chromedp.SendKeys(chromedp.CSS("#admin_last_name"), "Ma\r"),
	)
	waitFor(t, ctx, "the slug's message shows without a reload, the typing kept",
		`document.querySelector('#slug-error') && document.querySelector('#slug-error').textContent.includes('already used')
			&& document.querySelector('#slug').getAttribute('aria-invalid') === 'true'
			&& document.querySelector('#admin_email').value === 'gia@gamma.test' && window.__noReload === true`)
	step(t, ctx, "fix the slug and send from the keyboard",
		chromedp.SetValue(chromedp.CSS("#slug"), "gamma"),
		chromedp.Focus(chromedp.CSS("#slug")), chromedp.KeyEvent("\r"),
	)
	waitFor(t, ctx, "the tree shows gamma under alpha",
		`location.pathname === '/t/acme/tenants' && [...document.querySelectorAll('table.tenants-tree tbody th')]
			.some(th => th.textContent.includes('Gamma') && th.classList.contains('tree-level-2'))`)
}
