package auth

import (
	"context"
	"testing"
	"time"
)

func BenchmarkPasswordHash(b *testing.B) {
	h := NewHasher(time.Minute)
	for b.Loop() {
		if _, err := h.Hash(context.Background(), "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEffective(b *testing.B) {
	perms := []string{"users.view", "users.manage", "groups.manage", "reports.view", "projects.view"}
	for b.Loop() {
		Effective("read_only", perms)
	}
}
