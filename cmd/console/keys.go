package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"os"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// errSharedKey: processes serving one PostgreSQL database must share their
// secret key, so it comes from the environment rather than a file of one machine.
var errSharedKey = errors.New("CONSOLE_SECRET_KEY is required with PostgreSQL: give every console process " +
	"the same key (64 hex digits, e.g. from `openssl rand -hex 32`)")

// serveKeys reads the keys a console process signs and seals with. The
// secret key seals SSO client secrets: from CONSOLE_SECRET_KEY, else (SQLite
// only) from a key file made beside the database at first start. The CSRF
// key comes from CONSOLE_CSRF_KEY (the environment only: a flag would show
// in ps), else it is derived from the secret key, so that every process of
// one console, and the same process after a restart, accepts the forms the
// others served.
func serveKeys(db string) (secret, csrf []byte, err error) {
	value := os.Getenv("CONSOLE_SECRET_KEY")
	if value == "" && store.IsPostgres(db) {
		return nil, nil, errSharedKey
	}
	if secret, err = auth.LoadSecretKey(value, db+".key"); err != nil {
		return nil, nil, err
	}
	if k := os.Getenv("CONSOLE_CSRF_KEY"); k != "" {
		if len(k) < 32 {
			return nil, nil, errors.New("CONSOLE_CSRF_KEY: give at least 32 characters")
		}
		return secret, []byte(k), nil
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("console csrf key"))
	return secret, m.Sum(nil), nil
}
