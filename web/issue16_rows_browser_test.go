package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestIssue16_BrowserRowMenuAndLiveSidebar: the ⋯ menu opens from the
// keyboard and on right-click, arrows move through its items and Escape
// closes it; deactivating from it while the sidebar shows that person
// turns the sidebar's status and button too (defect 4), and a role switch
// refreshes the sidebar's Access at once.
func TestIssue16_BrowserRowMenuAndLiveSidebar(t *testing.T) {
	env := newEnv(t)
	ali := env.user("ali.active@acme.test", "standard", "active", "member")
	ctx := browser(t)
	base := env.srv.URL
	step(t, ctx, "sign in",
		chromedp.Navigate(base+"/users?q=ali"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#users-table")),
	)
	row := fmt.Sprintf("#user-%d", ali.ID)
	step(t, ctx, "open the sidebar with the pencil", chromedp.Click(chromedp.CSS(row+" a.icon")), chromedp.WaitVisible(chromedp.CSS("#sidebar #user-state")))

	auditor := fmt.Sprintf(`#role-toggles input[value="%d"]`, env.roles["auditor"])
	step(t, ctx, "switch on Auditor", chromedp.Click(chromedp.CSS(auditor)))
	waitFor(t, ctx, "the sidebar's Access lists Auditor at once", `document.querySelector('#user-access .access-roles').textContent.includes('Auditor')`)

	waitFor(t, ctx, "the row has a ⋯ menu", `document.querySelector('`+row+` details.row-menu > summary') !== null`)
	step(t, ctx, "focus the row's ⋯", chromedp.Evaluate[chromedp.Void](`document.querySelector('`+row+` details.row-menu > summary').focus()`))
	step(t, ctx, "press Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "the menu opens on its first item", `document.querySelector('`+row+` details.row-menu').open && document.activeElement.textContent.trim() === 'Reset password'`)
	step(t, ctx, "ArrowDown twice", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	waitFor(t, ctx, "focus is on Deactivate", `document.activeElement.id === '`+row[1:]+`-status'`)
	step(t, ctx, "Escape", chromedp.KeyEvent(kb.Escape))
	waitFor(t, ctx, "the menu closes, focus on ⋯, the sidebar stays open",
		`!document.querySelector('`+row+` details.row-menu').open && document.activeElement.matches('`+row+` summary') && document.querySelector('#sidebar #user-panel') !== null`)

	step(t, ctx, "right-click the row's name", chromedp.Evaluate[chromedp.Void](`document.querySelector('`+row+` td.name').dispatchEvent(new MouseEvent('contextmenu', {bubbles: true, cancelable: true}))`))
	waitFor(t, ctx, "right-click opens the same menu", `document.querySelector('`+row+` details.row-menu').open`)
	step(t, ctx, "choose Deactivate", chromedp.Evaluate[chromedp.Void]("window.confirm = () => true"), chromedp.Click(chromedp.CSS(row+"-status")))
	waitFor(t, ctx, "the row and the open sidebar both say Deactivated",
		`document.querySelector('`+row+`').classList.contains('disabled') && document.querySelector('#user-status').textContent.trim() === 'Deactivated' &&
		 document.querySelector('#user-state .status-actions button').textContent.trim() === 'Activate'`)
	waitFor(t, ctx, "focus is on the row's ⋯, not lost", `document.activeElement.matches('`+row+` summary')`)
}
