package form

import (
	"context"
	"strings"
	"testing"
)

// TestIssuerSchemeMessage: the refusal of an issuer's scheme names what this
// console accepts: https only, or http too when it allows plain HTTP.
func TestIssuerSchemeMessage(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		issuer    string
		allowHTTP bool
		want      string // in the message; "" for none
	}{
		{"https://login.example.com", false, ""},
		{"http://localhost:9998/", true, ""},
		{"http://login.example.com", false, "must start with https://."},
		{"ftp://login.example.com", true, "or http://"},
	} {
		errs := map[string]string{}
		Issuer(ctx, errs, "issuer", tc.issuer, tc.allowHTTP)
		if got := errs["issuer"]; (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("Issuer(%q, allowHTTP=%v) = %q, want %q", tc.issuer, tc.allowHTTP, got, tc.want)
		}
	}
}
