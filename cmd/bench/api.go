package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"text/tabwriter"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web"
	"github.com/console-dev/console/web/api"
)

// minAPIVsBypass is the target: key authentication costs at most 15%.
const minAPIVsBypass = 0.85

const apiPath = api.Base + "/users?limit=50"

// apiResult is GET /api/v1/users?limit=50 with an API key against the same
// handler behind a middleware that skips authentication, in one run.
type apiResult struct {
	keyed, bypass stats
	bytes         int
}

// measureAPI serves the big database through the whole console with its API
// (key checked, permissions computed, last used throttled, rate limit set out
// of reach), and adds to the same server the API's users handler behind a
// middleware that bypasses authentication: the two differ in that alone.
func measureAPI(ctx context.Context, cfg config, big *app) (apiResult, error) {
	var r apiResult
	t, err := big.st.TenantBySlug(ctx, adminTenant)
	if err != nil {
		return r, err
	}
	admin, err := big.st.AccountByEmail(ctx, t.ID, adminEmail)
	if err != nil {
		return r, err
	}
	key, publicID, hash := auth.NewAPIKey()
	if _, err := big.st.CreateAPIKey(ctx, store.Actor{TenantID: t.ID, IP: "bench"}, store.NewAPIKey{AccountID: admin.ID,
		PublicID: publicID, SecretHash: hash, Name: "bench"}); err != nil {
		return r, err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, h, err := web.New(big.st, web.Config{Log: quiet, API: api.Config{RatePerSecond: 1e9, Burst: 1 << 30}})
	if err != nil {
		return r, err
	}
	if err := mountBypass(e, h, admin); err != nil {
		return r, err
	}
	srv := httptest.NewServer(e)
	defer srv.Close()

	client := newLoadClient(cfg.load.workers)
	defer client.CloseIdleConnections()
	legs := []leg{{what: "API key", t: target{url: srv.URL + apiPath, auth: "Bearer " + key}},
		{what: "no auth", t: target{url: srv.URL + api.Base + "/bench-users?limit=50"}}}
	if r.bytes, err = fetchBytes(ctx, client, legs[0].t); err != nil {
		return r, err
	}
	sc := scenario{slug: "api"}
	samples := make([][]sample, len(legs))
	for round := range cfg.load.rounds {
		for k := range legs {
			i := (k + round) % len(legs) // alternate which leg goes first
			s, err := measure(ctx, client, cfg, sc, legs[i], round)
			if err != nil {
				return r, err
			}
			samples[i] = append(samples[i], s)
		}
	}
	r.keyed, r.bypass = summarize(samples[0]...), summarize(samples[1]...)
	return r, nil
}

func fetchBytes(ctx context.Context, client *http.Client, t target) (int, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, t.url, nil)
	req.Header.Set("Authorization", t.auth)
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: status %d: %s", t.url, res.StatusCode, b)
	}
	return len(b), err
}

func apiTable(w io.Writer, v *verdicts, r apiResult, cfg config) {
	fmt.Fprintf(w, "REST API (GET %s at %s users, %d bytes)\n", apiPath, short(cfg.bigUsers), r.bytes)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	q := ratio(r.keyed.rps(), r.bypass.rps())
	fmt.Fprintf(tw, "rps with key\trps no auth\tkey/no auth\t≥%.2f\tp50 key / no auth\t\n", minAPIVsBypass)
	fmt.Fprintf(tw, "%.0f\t%.0f\t%.2f\t%s\t%s / %s\t\n", r.keyed.rps(), r.bypass.rps(), q,
		v.check(q >= minAPIVsBypass, "API key/no auth"), ms(r.keyed.p50), ms(r.bypass.p50))
	tw.Flush()
	fmt.Fprintln(w)
}
