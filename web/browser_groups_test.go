package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserUsersAndGroups: pick two users with the keyboard, a group, press
// Add; the group's count changes without a reload, and the user sidebar then
// names the role inherited from the group.
func TestBrowserUsersAndGroups(t *testing.T) {
	env := newEnv(t)
	ann := env.user("ann@acme.test", "standard", "active")
	bob := env.user("bob@acme.test", "standard", "active")
	env.user("cyd@acme.test", "standard", "active")
	sales := env.group("Sales", "auditor")
	ctx := browser(t)
	base := env.srv.URL

	step(t, ctx, "sign in",
		chromedp.Navigate(base+"/groups"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#ug-users")),
	)
	if got := evalString(t, ctx, "location.pathname"); got != "/groups" {
		t.Fatalf("after sign-in landed on %s, want back on /groups", got)
	}
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	count := fmt.Sprintf("#ug-count-%d", sales.ID)
	if got := evalString(t, ctx, `document.querySelector('`+count+`').textContent.trim()`); got != "No members" {
		t.Fatalf("count before: %q", got)
	}

	annBox, bobBox := "#ug-user-"+id(ann), "#ug-user-"+id(bob)
	step(t, ctx, "tick two users with the keyboard",
		chromedp.Focus(chromedp.CSS(annBox)), chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS(bobBox)), chromedp.KeyEvent(" "),
	)
	waitFor(t, ctx, "both boxes are ticked",
		`document.querySelector('`+annBox+`').checked && document.querySelector('`+bobBox+`').checked`)
	step(t, ctx, "choose the group with the mouse", chromedp.Click(chromedp.CSS(fmt.Sprintf(`label[for="ug-group-%d"]`, sales.ID))))
	// Issue 16, defect 9: Add and Remove follow both lists in the Tab order
	// (people, then groups, then Add) and still sit between them on screen.
	waitFor(t, ctx, "Add comes after the groups in the Tab order, between the panels on screen",
		`(() => { const add = document.querySelector('#ug-add'), users = document.querySelector('#ug-users'), groups = document.querySelector('#ug-groups');
		  const after = !!(groups.compareDocumentPosition(add) & Node.DOCUMENT_POSITION_FOLLOWING);
		  const a = add.getBoundingClientRect(), u = users.getBoundingClientRect(), g = groups.getBoundingClientRect();
		  return after && a.left >= u.right && a.right <= g.left; })()`)
	step(t, ctx, "press Add from the keyboard", chromedp.Focus(chromedp.CSS("#ug-add")), chromedp.KeyEvent("\r"))

	waitFor(t, ctx, "the count changes without a reload",
		`document.querySelector('`+count+`').textContent.includes('2 members') && window.__noReload === true`)
	waitFor(t, ctx, "the change is announced and the group stays selected, unfolded",
		fmt.Sprintf(`document.querySelector('#ug-status').textContent.includes('2 users added to Sales')
			&& document.querySelector('#ug-group-%d').checked && document.querySelector('#ug-details-%d').open
			&& document.querySelector('#ug-members-%d').textContent.includes('Ann Tester')`, sales.ID, sales.ID, sales.ID))
	waitFor(t, ctx, "focus stays on Add and the users stay ticked",
		`document.activeElement.id === 'ug-add' && document.querySelector('`+annBox+`').checked`)

	step(t, ctx, "open the users page", chromedp.Navigate(base+"/users"), chromedp.WaitVisible(chromedp.CSS("#users-table")))
	step(t, ctx, "open Ann's sidebar with the pencil",
		chromedp.Click(chromedp.CSS("#edit-"+id(ann))),
		chromedp.WaitVisible(chromedp.CSS("#sidebar .panel")),
	)
	waitFor(t, ctx, "the sidebar names the role inherited from the group",
		`document.querySelector('#sidebar').textContent.replace(/\s+/g, ' ').includes('via group Sales')`)
}
