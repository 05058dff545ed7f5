package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserProjectMisconfiguration: add a group as a team, add one of its
// members one by one with Team ticked; the misconfiguration shows with its
// reason without a reload, and unticking Team fixes it.
func TestBrowserProjectMisconfiguration(t *testing.T) {
	env := newEnv(t)
	ann := env.user("ann@acme.test", "standard", "active")
	env.user("bob@acme.test", "standard", "active")
	sales := env.group("Sales")
	if _, err := env.st.AddMembers(context.Background(), actorFor(env), sales.ID, []int64{ann.ID}); err != nil {
		t.Fatal(err)
	}
	pr := env.project("Apollo")
	ctx := browser(t)
	base := env.srv.URL

	step(t, ctx, "sign in",
		chromedp.Navigate(base+projectPath(pr, "")),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#pp-groups")),
	)
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))

	group := fmt.Sprintf("#pp-group-%d", sales.ID)
	step(t, ctx, "tick Sales with the keyboard and add it as a team",
		chromedp.Focus(chromedp.CSS(group)), chromedp.KeyEvent(" "),
		chromedp.Click(chromedp.CSS("#pp-add-teams")),
	)
	waitFor(t, ctx, "Sales is a team of the project", fmt.Sprintf(
		`document.querySelector('#pp-team-row-%d') !== null && document.querySelector('#pp-problems').textContent.includes('No misconfiguration')`, sales.ID))

	annBox := fmt.Sprintf("#pp-user-%d-%d", sales.ID, ann.ID)
	step(t, ctx, "unfold Sales on the left",
		chromedp.Click(chromedp.CSS(fmt.Sprintf("#pp-details-pp-gm-%d > summary", sales.ID))),
		chromedp.WaitVisible(chromedp.CSS(annBox)),
	)
	step(t, ctx, "tick Ann and Team, then Add",
		chromedp.Focus(chromedp.CSS(annBox)), chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS("#pp-team")), chromedp.KeyEvent(" "),
		chromedp.Click(chromedp.CSS("#pp-add")),
	)
	problem := fmt.Sprintf("#pp-problem-%d", ann.ID)
	waitFor(t, ctx, "the misconfiguration shows with its reason", fmt.Sprintf(
		`document.querySelector('%s') !== null && document.querySelector('%s').closest('.i16p-cause').textContent.includes('1 person is on both their own team (Team ticked) and Sales')
			&& document.querySelector('#pp-problems h2').textContent.includes('1 misconfigured')
			&& document.querySelector('#pp-person-%d .badge.err') !== null`, problem, problem, ann.ID))

	teamBox := fmt.Sprintf("#pp-user-team-%d", ann.ID)
	step(t, ctx, "untick Ann's Team box with the keyboard",
		chromedp.Focus(chromedp.CSS(teamBox)), chromedp.KeyEvent(" "),
	)
	waitFor(t, ctx, "the misconfiguration is gone", fmt.Sprintf(
		`document.querySelector('%s') === null && document.querySelector('#pp-problems').textContent.includes('No misconfiguration')
			&& !document.querySelector('%s').checked && document.querySelector('#pp-person-%d .badge.on') !== null`, problem, teamBox, ann.ID))
	waitFor(t, ctx, "focus stays on the Team box, without a reload",
		`document.activeElement.id === '`+teamBox[1:]+`' && window.__noReload === true`)
}
