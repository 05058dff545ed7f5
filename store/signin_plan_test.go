package store

import (
	"context"
	"strings"
	"testing"
)

// TestSignInReadsAnIndex: sign-in finds a person by email across every
// tenant tree through accounts_signin, never by reading the whole accounts
// table (issue 18: about 20 ms at 100,000 accounts, paid by failed attempts
// too), and still finds them.
func TestSignInReadsAnIndex(t *testing.T) {
	st, _, _ := membersWorld(t, 300, 50, 10)
	ctx := context.Background()
	rows, err := st.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+signInSQL, "c7@example.com")
	if err != nil {
		t.Fatal(err)
	}
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	rows.Close()
	all := strings.Join(plan, "\n")
	if !strings.Contains(all, "USING INDEX accounts_signin (email=?)") {
		t.Errorf("sign-in does not read accounts_signin by email:\n%s", all)
	}
	got, err := st.SignInCandidates(ctx, "C7@Example.com")
	if err != nil || len(got) != 1 || got[0].Login != "c7" {
		t.Fatalf("candidates for c7@example.com: %+v, %v", got, err)
	}
	if got, _ := st.SignInCandidates(ctx, "nobody@example.com"); len(got) != 0 {
		t.Fatalf("candidates for an unknown address: %+v", got)
	}
}
