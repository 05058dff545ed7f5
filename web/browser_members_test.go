package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAddExistingPerson: Acme's Admin, acting in the sub-tenant Acme
// EU, types a name in "Add existing person", picks the person the type-ahead
// finds, gives a role with the keyboard and saves; the table marks them
// "from Acme".
func TestBrowserAddExistingPerson(t *testing.T) {
	w := newMembersEnv(t)
	ctx := browser(t)
	base := w.srv.URL
	step(t, ctx, "sign in",
		chromedp.Navigate(base+eu("/users")),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#users-table")),
	)
	step(t, ctx, "open Add existing person", chromedp.Click(chromedp.CSS(`a[href="`+eu("/members/add")+`"]`)))
	waitFor(t, ctx, "the form opens in the sidebar", `document.querySelector('#sidebar #member-q') !== null`)
	step(t, ctx, "type a name", chromedp.SendKeys(chromedp.CSS("#member-q"), "bob"))
	waitFor(t, ctx, "the type-ahead finds bob only",
		`document.querySelectorAll('#member-candidates input[name=account]').length === 1 && document.querySelector('#member-candidates').textContent.includes('bob@acme.test')`)
	member := fmt.Sprintf(`#sidebar input[name="role"][value="%d"]`, w.euRoles["member"])
	step(t, ctx, "choose him and a role with the keyboard",
		chromedp.Focus(chromedp.CSS(`#member-candidates input[name=account]`)),
		chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS(member)),
		chromedp.KeyEvent(" "),
		chromedp.Click(chromedp.CSS(`#sidebar button.primary`)),
	)
	waitFor(t, ctx, "the sidebar confirms and shows where he is managed",
		`document.querySelector('#sidebar [role=status]')?.textContent.includes('Added to this tenant') && document.querySelector('#sidebar').textContent.includes('Managed in Acme')`)
	waitFor(t, ctx, "the table marks him from Acme",
		fmt.Sprintf(`document.querySelector('#user-%d .from')?.textContent.includes('from Acme')`, w.bob.ID))
}
