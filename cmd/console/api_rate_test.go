package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/console-dev/console/store/storetest"
)

// TestAPIRateIsASetting: CONSOLE_API_RATE and CONSOLE_API_BURST set what an
// account may ask of the API; past the burst it is answered 429 with
// Retry-After (the default burst, 100, would let all four through).
func TestAPIRateIsASetting(t *testing.T) {
	t.Parallel()
	db := storetest.DB(t)
	env, _ := sharedSetup(t, db)
	lines := strings.Split(strings.TrimSpace(runConsole(t, env, "apikey", "create", "--db", db, "--email", "admin@example.test", "--name", "t")), "\n")
	key := lines[len(lines)-1]
	p := startConsole(t, db, append(env, "CONSOLE_API_RATE=0.01", "CONSOLE_API_BURST=3")...)
	for i := 1; i <= 4; i++ {
		req, _ := http.NewRequest(http.MethodGet, p.url+"/api/v1/users?limit=1", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		want := http.StatusOK
		if i == 4 {
			want = http.StatusTooManyRequests
		}
		if res.StatusCode != want {
			t.Fatalf("request %d: %d, want %d", i, res.StatusCode, want)
		}
		if i == 4 && res.Header.Get("Retry-After") == "" {
			t.Fatal("429 without Retry-After")
		}
	}
}
