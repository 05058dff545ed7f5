package web

import (
	"net/http"
	"sync"
	"testing"
)

// The account throttle allows five wrong passwords per 15 minutes. It checks
// the count before verifying the password and records the failure after, in
// separate statements: guesses sent together all pass the check before any
// is recorded, so a burst of parallel guesses gets every one checked. The
// limit must hold for guesses sent at once too (at most five are verified;
// the others are refused with 429).
func TestReview15_SignInThrottleHoldsForParallelGuesses(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	const guesses = 15
	statuses := make([]int, guesses)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range guesses {
		c := env.client()
		c.get("/signin")
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, _ := c.signIn("admin@acme.test", "wrong password!", "")
			statuses[i] = res.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	checked := 0
	for _, s := range statuses {
		if s == http.StatusUnauthorized {
			checked++
		}
	}
	if checked > 5 {
		t.Fatalf("%d of %d parallel wrong passwords were checked (401), want at most 5: %v", checked, guesses, statuses)
	}
}
