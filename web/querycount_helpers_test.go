package web

import "time"

// freezeSessions stops the session store's clock, so its once-a-minute write
// of last seen and last active never lands inside a count of statements,
// however long a busy machine (or parallel tests) makes the test take.
func (e *testEnv) freezeSessions() {
	at := time.Now()
	e.h.Sessions().SetClock(func() time.Time { return at })
}
