package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

func TestAPIKeyCreate(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := createTenantWithAdmin(ctx, st, "Acme", "boss@acme.test", "a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateServiceAccount(ctx, store.Actor{TenantID: 1}, store.NewServiceAccount{Name: "Deploy bot"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, email, login, keyName, expires, wantErr string }{
		{"by email", "Boss@acme.test", "", "ci", "90d", ""},
		{"service account by login", "", "svc.deploy-bot", "deploy", "never", ""},
		{"unknown email", "nobody@acme.test", "", "ci", "90d", "no such account"},
		{"no name", "boss@acme.test", "", "", "90d", "--name"},
		{"bad expiry", "boss@acme.test", "", "ci", "2y", "--expires"},
		{"neither email nor login", "", "", "ci", "90d", "--email or --login"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := createKey(ctx, st, &out, "", tc.email, tc.login, tc.keyName, tc.expires)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			id, secret, ok := auth.ParseAPIKey(strings.TrimSpace(out.String()))
			if !ok {
				t.Fatalf("printed %q", out.String())
			}
			h, err := st.KeyAuth(ctx, id)
			if err != nil || !auth.SecretMatches(secret, h.SecretHash) || h.Key.Name != tc.keyName {
				t.Fatalf("stored key %+v: %v", h.Key, err)
			}
		})
	}
}
