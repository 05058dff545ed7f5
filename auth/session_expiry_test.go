package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
)

func TestSessionIdleExpiry(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	c := e.start(t, nil)
	start := e.now

	e.now = start.Add(idle - time.Minute)
	if sess, err := e.load(c); err != nil || sess.IsNew {
		t.Fatalf("just under the idle timeout: new %v, err %v", sess.IsNew, err)
	}
	// That visit counted as activity, so the idle clock restarted.
	if a, _ := e.st.Account(context.Background(), e.tenant.ID, e.account.ID); a.LastActiveAt.Unix() != e.now.Unix() {
		t.Errorf("last active = %v, want %v", a.LastActiveAt, e.now)
	}
	e.now = e.now.Add(idle + time.Second)
	if _, err := e.load(c); !errors.Is(err, auth.ErrSessionExpired) {
		t.Fatalf("idle past the timeout: %v, want ErrSessionExpired", err)
	}
	if n := e.sessionCount(t); n != 0 {
		t.Errorf("expired session left %d rows", n)
	}
	if sess, err := e.load(c); err != nil || !sess.IsNew {
		t.Errorf("after expiry: new %v, err %v; want a new session", sess.IsNew, err)
	}
}

func TestSessionAbsoluteExpiry(t *testing.T) {
	t.Parallel()
	e := newSessionEnv(t)
	c := e.start(t, nil)
	start := e.now

	// A busy user: a request every 25 minutes, never idle for long.
	for at := 25 * time.Minute; at < absolute; at += 25 * time.Minute {
		e.now = start.Add(at)
		if _, err := e.load(c); err != nil {
			t.Fatalf("at %v: %v", at, err)
		}
	}
	e.now = start.Add(absolute + time.Minute)
	if _, err := e.load(c); !errors.Is(err, auth.ErrSessionExpired) {
		t.Fatalf("past the absolute timeout: %v, want ErrSessionExpired", err)
	}
	if n := e.sessionCount(t); n != 0 {
		t.Errorf("expired session left %d rows", n)
	}
}
