package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIssue17BulkBrowser: ticks kept across pages, a review naming the
// count, the start, a progress bar that ends Finished, by keyboard where it
// matters, at desktop and phone width, in French too.
func TestIssue17BulkBrowser(t *testing.T) {
	env := newEnv(t)
	for i := range 30 {
		env.user(fmt.Sprintf("bulk%02d@acme.test", i), "standard", "active", "member")
	}
	ctx := browser(t)
	jobs, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); env.h.RunJobs(jobs) }()
	t.Cleanup(func() { stop(); <-done })
	step(t, ctx, "sign in",
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(env.srv.URL+"/users?q=bulk&size=25"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"))
	waitFor(t, ctx, "the first page", `document.querySelectorAll('#users-table tbody tr').length === 25`)
	if got := evalString(t, ctx, `String(document.querySelector('[data-bulk-for="add_role remove_role"]').hidden)`); got != "true" {
		t.Error("the role field shows for Activate")
	}
	step(t, ctx, "tick two", chromedp.Click(chromedp.CSS("#users-table tbody tr:nth-child(1) input.pick")),
		chromedp.Click(chromedp.CSS("#users-table tbody tr:nth-child(2) input.pick")))
	waitFor(t, ctx, "two ticked", `document.querySelector('#bulk-picked-count').textContent === '2'`)
	step(t, ctx, "next page", chromedp.Click(chromedp.CSS("#pager-next")))
	waitFor(t, ctx, "the second page", `document.querySelectorAll('#users-table tbody tr').length === 5`)
	step(t, ctx, "tick one more", chromedp.Click(chromedp.CSS("#users-table tbody tr:nth-child(1) input.pick")))
	waitFor(t, ctx, "three ticked", `document.querySelector('#bulk-picked-count').textContent === '3'`)
	step(t, ctx, "back to the first page", chromedp.Click(chromedp.CSS("#pager-prev")))
	waitFor(t, ctx, "its ticks kept", `document.querySelectorAll('#users-table input.pick:checked').length === 2`)
	evalString(t, ctx, `(document.querySelector('#bulk-action').value = 'deactivate', document.querySelector('#bulk-action').dispatchEvent(new Event('change', {bubbles: true})), '')`)
	step(t, ctx, "review", chromedp.Click(chromedp.CSS("#bulk-review")))
	waitFor(t, ctx, "the review in the sidebar", `document.querySelector('#bulk-lead') && document.querySelector('#bulk-lead').textContent.includes('3 people')`)
	step(t, ctx, "start by keyboard", chromedp.Focus(chromedp.CSS("#bulk-start")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the job page finished", `document.querySelector('#job-status') && document.querySelector('#job-status').textContent.includes('Finished') &&
		document.querySelector('#job-status').textContent.includes('3 done')`)
	if got := evalString(t, ctx, `document.querySelector('#job-bar').value + ''`); got != "100" {
		t.Errorf("progress bar at %s when finished", got)
	}
	if got := evalString(t, ctx, `String(Object.keys(sessionStorage).filter(k => k.startsWith('console:bulk-picked')).length)`); got != "0" {
		t.Errorf("the ticks outlive the started job: %s", got)
	}
	step(t, ctx, "phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(env.srv.URL+"/users?q=bulk"))
	waitFor(t, ctx, "the table", `document.querySelectorAll('#users-table tbody tr').length > 0`)
	if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
		t.Errorf("the users page with the bulk bar scrolls sideways at 390 px (%s px)", evalString(t, ctx, `String(document.documentElement.scrollWidth)`))
	}
	step(t, ctx, "jobs list", chromedp.Navigate(env.srv.URL+"/jobs"))
	waitFor(t, ctx, "the job listed", `document.querySelectorAll('.jobs-table tbody tr').length === 1`)
	if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
		t.Errorf("the jobs page scrolls sideways at 390 px")
	}
}
