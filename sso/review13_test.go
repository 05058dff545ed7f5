package sso_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/sso"
)

// TestReview13_EmbeddedIPv4Refused: publicOnly judges the IPv6 address as
// it is, so IPv6 forms that carry an IPv4 address inside — NAT64
// (64:ff9b::/96, the default egress of IPv6-only clusters such as EKS and
// GKE IPv6), 6to4 (2002::/16) — reach the cloud metadata service or the
// operator's private network through the translator. Low: only where such a
// translator exists.
func TestReview13_EmbeddedIPv4Refused(t *testing.T) {
	t.Parallel()
	for _, issuer := range []string{
		"https://[64:ff9b::a9fe:a9fe]:1/", // NAT64 of 169.254.169.254
		"https://[64:ff9b::a00:1]:1/",     // NAT64 of 10.0.0.1
		"https://[2002:a9fe:a9fe::1]:1/",  // 6to4 of 169.254.169.254
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_, err := sso.New(sso.Options{}).Discover(ctx, issuer)
		cancel()
		if err == nil || !strings.Contains(err.Error(), "not a public address") {
			t.Errorf("%s: %v, want refused as not public", issuer, err)
		}
	}
}
