package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// A provider's user manager creates a person in two steps: the fields, then
// the customers they manage with their roles in each; the sidebar that opens
// after Save shows the same table, and changing it there saves in place.
func TestBrowserManagedCustomers(t *testing.T) {
	m := newManagedEnv(t)
	ctx := browser(t)
	base := m.srv.URL
	step(t, ctx, "sign in",
		chromedp.Navigate(base+"/users/new"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "manager@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#login")),
	)
	step(t, ctx, "fill the first step",
		chromedp.SendKeys(chromedp.CSS("#login"), "mona"),
		chromedp.SendKeys(chromedp.CSS("#first_name"), "Mona"),
		chromedp.SendKeys(chromedp.CSS("#last_name"), "Naged-With-A-Rather-Long-Double-Barrelled-Surname"),
		chromedp.SendKeys(chromedp.CSS("#email"), "mona@acme.test"),
		chromedp.Click(chromedp.CSS(`button[formaction$="/users/new/managed"]`)),
	)
	waitFor(t, ctx, "the second step shows the customers", `document.querySelectorAll('.managed-grid tbody tr').length === 3`)
	a := fmt.Sprint(m.a.ID)
	step(t, ctx, "choose customer A with the keyboard",
		chromedp.Focus(chromedp.CSS("#customer-"+a)),
		chromedp.KeyEvent(" "),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="customer_roles_%s"][value="%d"]`, a, m.aRoles["user_manager"]))),
	)
	step(t, ctx, "save", chromedp.Click(chromedp.CSS(`#user-panel button.primary`)))
	waitFor(t, ctx, "the new person's sidebar shows customer A managed", `document.querySelector('#managed-customers #customer-`+a+`')?.checked === true`)
	b := fmt.Sprint(m.b.ID)
	step(t, ctx, "manage customer B too",
		chromedp.Click(chromedp.CSS("#customer-"+b)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="customer_roles_%s"][value="%d"]`, b, m.bRoles["user_manager"]))),
		chromedp.Click(chromedp.CSS(`#managed-customers button.primary`)),
	)
	waitFor(t, ctx, "saved in place", `document.querySelector('#managed-customers .saved') !== null`)
	mona, ok := m.accountByEmail("mona@acme.test")
	if !ok || !m.member(m.a.ID, mona.ID) || !m.member(m.b.ID, mona.ID) {
		t.Fatal("memberships not saved")
	}
	if os := evalString(t, ctx, `getComputedStyle(document.querySelector('#managed-customers button.primary')).display`); os == "none" {
		t.Fatal("save button hidden")
	}
	step(t, ctx, "narrow", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/t/acme/users/"+id(mona)+"/edit"),
		chromedp.WaitVisible(chromedp.CSS("#managed-customers")), chromedp.ScrollIntoView(chromedp.CSS("#managed-customers")))
	mgr, _ := m.accountByEmail("manager@acme.test")
	m.french(mgr)
	step(t, ctx, "in French", chromedp.EmulateViewport(1440, 900), chromedp.Navigate(base+"/t/acme/users/new"),
		chromedp.WaitVisible(chromedp.CSS(`button[formaction$="/users/new/managed"]`)))
}
