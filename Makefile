# Console: the two commands a newcomer needs are `make run` and `make test`.
BIN     := bin/console
ADDR    ?= 127.0.0.1:8080
DEMO_DB ?= var/demo.db
DEMO_ADMIN ?= admin@demo.example.com
DEMO_PROVIDER_USER ?= sam.provider@demo.example.com
DEMO_USERS ?= 10000

.PHONY: run build generate test lint bench idp

build:
	go build -o $(BIN) ./cmd/console

generate:
	go tool templ generate

# run seeds a demo tenant on first run, gives its administrator a fresh random
# password (printed below), and serves on plain HTTP on loopback.
run: build
	@mkdir -p $(dir $(DEMO_DB))
	@test -f $(DEMO_DB) || $(BIN) seed --db $(DEMO_DB) --users $(DEMO_USERS)
	@$(BIN) admin --db $(DEMO_DB) --email $(DEMO_ADMIN) --tenant demo
	@$(BIN) admin --db $(DEMO_DB) --email $(DEMO_PROVIDER_USER) --tenant demo --existing
	@echo "Sign in at http://$(ADDR)/signin as $(DEMO_ADMIN) with the password above,"
	@echo "or as $(DEMO_PROVIDER_USER) (a service provider's user: the customer switcher, Acme and Globex)."
	@$(BIN) serve --db $(DEMO_DB) --addr $(ADDR) --sso-allow-http

# idp runs zitadel's example OpenID provider on http://localhost:9998/ (client
# "web", secret "secret"; user test-user@localhost, password verysecure, email
# test-user@zitadel.ch), to try single sign-on with `make run` (see README).
idp:
	PORT=9998 REDIRECT_URI=http://$(ADDR)/sso/callback go run github.com/zitadel/oidc/v3/example/server

# test runs the whole suite on SQLite, then the packages that open a store on
# PostgreSQL: CONSOLE_TEST_DB's server, else a throwaway one (see .ci/test).
test:
	.ci/test

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet ./...

bench:
	go test -run '^$$' -bench . -benchmem ./store/ ./auth/
	go test -run '^$$' -bench UsersPageWithMembers -benchtime 200x ./web/
	go run -tags bench ./cmd/bench
