package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/sso"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web"
	"github.com/console-dev/console/web/api"
	"github.com/console-dev/console/web/mail"
)

func serve(ctx context.Context, args []string) error {
	fs := newFlags("serve")
	addr := fs.String("addr", env("CONSOLE_ADDR", "127.0.0.1:8080"), "listen address (CONSOLE_ADDR)")
	dbPath := fs.String("db", env("CONSOLE_DB", "console.db"), "SQLite database file, or postgres:// URL (CONSOLE_DB)")
	idle := fs.Duration("idle-timeout", envDuration("CONSOLE_IDLE_TIMEOUT", 60*time.Minute), "session idle timeout (CONSOLE_IDLE_TIMEOUT)")
	absolute := fs.Duration("absolute-timeout", envDuration("CONSOLE_ABSOLUTE_TIMEOUT", 12*time.Hour), "session absolute timeout (CONSOLE_ABSOLUTE_TIMEOUT)")
	secure := fs.String("secure-cookies", env("CONSOLE_SECURE_COOKIES", "auto"), "auto, true or false: auto is false only when listening on loopback (CONSOLE_SECURE_COOKIES)")
	logFormat := fs.String("log-format", env("CONSOLE_LOG_FORMAT", "text"), "text or json (CONSOLE_LOG_FORMAT)")
	baseURL := fs.String("base-url", env("CONSOLE_BASE_URL", ""), "public URL of the console, for links in emails (CONSOLE_BASE_URL; default http://ADDR)")
	smtpURL := fs.String("smtp-url", env("CONSOLE_SMTP_URL", ""), "SMTP server, smtp://user:pass@host:587 or smtps://host:465 (CONSOLE_SMTP_URL; empty: mail stays in the outbox)")
	proxies := fs.String("trusted-proxies", env("CONSOLE_TRUSTED_PROXIES", ""), "comma-separated networks (CIDR) of reverse proxies whose X-Forwarded-For is believed (CONSOLE_TRUSTED_PROXIES)")
	jobLease := fs.Duration("job-lease", envDuration("CONSOLE_JOB_LEASE", 2*time.Minute), "how long a bulk action's worker holds the people it claimed; a dead worker's are taken again after it (CONSOLE_JOB_LEASE)")
	maxKeys := fs.Int("max-keys-per-account", envInt("CONSOLE_MAX_KEYS_PER_ACCOUNT", 50), "most active API keys one account may hold (CONSOLE_MAX_KEYS_PER_ACCOUNT)")
	apiRate := fs.Float64("api-rate", envFloat("CONSOLE_API_RATE", 20), "requests per second each account may make to the API with its keys, beyond the burst (CONSOLE_API_RATE)")
	apiBurst := fs.Int("api-burst", envInt("CONSOLE_API_BURST", 100), "requests an account may make to the API at once before the rate applies (CONSOLE_API_BURST)")
	ssoHTTP := fs.Bool("sso-allow-http", envBool("CONSOLE_SSO_ALLOW_HTTP"), "let single sign-on speak plain http:// to identity providers, for a provider on this machine (CONSOLE_SSO_ALLOW_HTTP)")
	ssoPrivate := fs.Bool("sso-allow-private", envBool("CONSOLE_SSO_ALLOW_PRIVATE"), "let single sign-on reach identity providers on private, loopback and link-local addresses (CONSOLE_SSO_ALLOW_PRIVATE)")
	from := fs.String("mail-from", env("CONSOLE_MAIL_FROM", ""), "sender address, e.g. \"Console <console@example.com>\" (CONSOLE_MAIL_FROM)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := newLogger(*logFormat)
	secretKey, csrfKey, err := serveKeys(*dbPath)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := firstStart(ctx, st, os.Stdout); err != nil {
		return err
	}
	if *baseURL == "" {
		*baseURL = "http://" + *addr
	}
	trusted, err := parseNetworks(*proxies)
	if err != nil {
		return err
	}
	var mailer *mail.Worker
	if *smtpURL != "" {
		sender, err := mail.NewSMTP(*smtpURL, *from)
		if err != nil {
			return err
		}
		mailer = mail.NewWorker(st, sender, log)
		go mailer.Run(ctx)
	} else {
		log.Info("no CONSOLE_SMTP_URL: email stays in the outbox, readable on the Mail page")
	}
	e, h, err := web.New(st, web.Config{SecureCookies: secureCookies(*secure, *addr), IdleTimeout: *idle,
		AbsoluteTimeout: *absolute, Log: log, BaseURL: *baseURL, Mailer: mailer, TrustedProxies: trusted,
		CSRFKey: csrfKey, MaxKeysPerAccount: *maxKeys, JobLease: *jobLease, SecretKey: secretKey,
		API: api.Config{RatePerSecond: *apiRate, Burst: *apiBurst}, SSO: sso.Options{AllowHTTP: *ssoHTTP, AllowPrivate: *ssoPrivate}})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	// Housekeeping (session purge, audit retention, ...) runs once per period
	// across every process on the database; stopped (and waited for) before
	// the database closes.
	pctx, stopPeriodic := context.WithCancel(ctx)
	periodic := make(chan struct{})
	go func() {
		defer close(periodic)
		runPeriodic(pctx, st, log, processName(), periodicJobs(st, *idle, *absolute, h.SweepPolicies))
	}()
	// Bulk actions run in the background, shared by every process.
	jobs := make(chan struct{})
	go func() {
		defer close(jobs)
		h.RunJobs(pctx)
	}()
	defer func() { stopPeriodic(); <-periodic; <-jobs }()
	log.Info("console listening", "url", "http://"+ln.Addr().String(), "db", store.Redact(*dbPath))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	h.Wait() // emails being queued after their answer
	log.Info("stopped; database closed cleanly")
	return nil
}

// secureCookies is true unless told otherwise or serving plain HTTP on loopback.
func secureCookies(setting, addr string) bool {
	switch setting {
	case "true":
		return true
	case "false":
		return false
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// firstStart creates the first tenant and its administrator on an empty
// database. Without CONSOLE_ADMIN_PASSWORD a password is generated and printed
// once, to the terminal, never to the log.
func firstStart(ctx context.Context, st *store.Store, out io.Writer) error {
	n, err := st.TenantCount(ctx)
	if err != nil || n > 0 {
		return err
	}
	email := env("CONSOLE_ADMIN_EMAIL", "admin@example.com")
	password, generated := os.Getenv("CONSOLE_ADMIN_PASSWORD"), false
	if password == "" {
		password, generated = auth.RandomPassword(), true
	}
	if err := auth.CheckPassword(password); err != nil {
		return fmt.Errorf("CONSOLE_ADMIN_PASSWORD: %w", err)
	}
	_, err = createTenantWithAdmin(ctx, st, env("CONSOLE_TENANT_NAME", "Default"), email, password)
	if errors.Is(err, store.ErrConflict) { // processes starting together on a new database: another one did it
		fmt.Fprintln(out, "First start: another console process created the first tenant")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "First start: created tenant %q and administrator %s\n", env("CONSOLE_TENANT_NAME", "Default"), email)
	if generated {
		fmt.Fprintf(out, "Generated password (shown once; \"console admin --email EMAIL\" makes a new one): %s\n", password)
	}
	return nil
}

// parseNetworks reads "10.0.0.0/8, 192.168.1.10" (a bare address is one host).
func parseNetworks(list string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			if ip := net.ParseIP(f); ip != nil && ip.To4() != nil {
				f += "/32"
			} else {
				f += "/128"
			}
		}
		_, n, err := net.ParseCIDR(f)
		if err != nil {
			return nil, fmt.Errorf("CONSOLE_TRUSTED_PROXIES: %q is not a network", f)
		}
		out = append(out, n)
	}
	return out, nil
}
