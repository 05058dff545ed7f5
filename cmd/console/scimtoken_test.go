package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestSCIMTokenCreate: an operator's automation (a deployment script
// wiring Entra ID or Okta) gets a token on the last line of stdout; it is
// stored hashed, made by nobody (the command line), audited, and acts only
// while the tenant's provisioning is External.
func TestSCIMTokenCreate(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acme, err := createTenantWithAdmin(ctx, st, "Acme", "boss@acme.test", "a long enough passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetProvisioning(ctx, store.Actor{TenantID: acme.ID, IP: "cli"}, store.Provisioning{Mode: store.ProvisioningExternal}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateTenant(ctx, "Beta", "beta", 0, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, slug, tokenName, wantErr string
		wantLive, wantNote             bool
	}{
		{"external tenant: the token acts at once", acme.Slug, "Entra ID", "", true, false},
		{"console tenant: made, with a note that it waits for External", "beta", "Okta", "", false, true},
		{"no name given: the default", acme.Slug, "Command line", "", true, false},
		{"unknown tenant refused", "nope", "Okta", `no tenant with slug "nope"`, false, false},
		{"no tenant refused", "", "Okta", "--tenant", false, false},
		{"blank name refused", acme.Slug, "  ", "--name", false, false},
		{"overlong name refused", acme.Slug, strings.Repeat("x", 101), "--name", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, notes bytes.Buffer
			err := createSCIMToken(ctx, st, &out, &notes, tc.slug, tc.tokenName)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || out.Len() != 0 {
					t.Fatalf("err %v, printed %q; want %q", err, out.String(), tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			publicID, secret, ok := auth.ParseSCIMToken(lines[len(lines)-1])
			if !ok {
				t.Fatalf("last line %q is not a SCIM token", lines[len(lines)-1])
			}
			h, err := st.SCIMTokenAuth(ctx, publicID)
			if err != nil || !auth.SecretMatches(secret, h.SecretHash) {
				t.Fatalf("stored token %+v: %v", h.Token, err)
			}
			if h.Live != tc.wantLive || h.Token.Name != strings.TrimSpace(tc.tokenName) || h.Token.CreatedBy != 0 {
				t.Fatalf("token %+v live=%v, want live=%v", h.Token, h.Live, tc.wantLive)
			}
			if got := strings.Contains(notes.String(), "Console provisioning mode"); got != tc.wantNote {
				t.Fatalf("note %q, want one: %v", notes.String(), tc.wantNote)
			}
			evs, err := st.AuditEvents(ctx, h.Token.TenantID, store.AuditFilter{Action: string(store.ActionSCIMTokenCreate), Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range evs {
				found = found || e.TargetID == h.Token.ID && e.ActorID == 0 && e.IP == "cli"
			}
			if !found {
				t.Fatalf("no audit event of the command line for token %d: %+v", h.Token.ID, evs)
			}
		})
	}
}

// TestSCIMTokenUnknownTenantExitCode: a script sees exit code 1 and a clear
// message when the tenant does not exist.
func TestSCIMTokenUnknownTenantExitCode(t *testing.T) {
	if os.Getenv("CONSOLE_TEST_RUN_MAIN") == "1" {
		os.Args = append([]string{"console"}, strings.Fields(os.Getenv("CONSOLE_TEST_ARGS"))...)
		main()
		return
	}
	db := filepath.Join(t.TempDir(), "c.db")
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := createTenantWithAdmin(ctx, st, "Acme", "boss@acme.test", "a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSCIMTokenUnknownTenantExitCode$")
	cmd.Env = append(os.Environ(), "CONSOLE_TEST_RUN_MAIN=1", "CONSOLE_TEST_ARGS=scim-token create --db "+db+" --tenant nope")
	var stderr, stdout bytes.Buffer
	cmd.Stderr, cmd.Stdout = &stderr, &stdout
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit %v, want code 1; stderr %q", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), `no tenant with slug "nope"`) || strings.Contains(stdout.String(), "cst_") {
		t.Fatalf("stderr %q stdout %q", stderr.String(), stdout.String())
	}
}
