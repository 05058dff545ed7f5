package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"runtime/pprof"
	"time"
)

// scenario is one users-page URL; a deep one is reached by following rel="next".
type scenario struct {
	label string
	path  string
	deep  bool
	slug  string // names its CPU profile
}

var scenarios = []scenario{
	{label: "/users", path: "/users", slug: "first"},
	{label: "/users?q=dupont", path: "/users?q=dupont", slug: "search"},
	{label: "/users?type=standard&sort=last_active&dir=desc +next×N", path: "/users?type=standard&sort=last_active&dir=desc",
		deep: true, slug: "deep"},
}

// side is one scenario measured against one server.
type side struct {
	path  string // the URL measured, cursor included
	pages int    // the page number reached (1 for the first page)
	bytes int
	stats stats
}

type result struct {
	scenario
	big, small side
	bare       stats
}

// measureAll measures every scenario at both sizes and against the bare
// server, back to back, so the ratios compare like with like.
func measureAll(ctx context.Context, cfg config, big, small *app) ([]result, error) {
	client := newLoadClient(cfg.load.workers)
	defer client.CloseIdleConnections()
	fmt.Printf("Load: %d workers; per measurement %d warm-up requests, then %s (at most %d requests); %d rounds\n",
		cfg.load.workers, cfg.load.warmup, cfg.load.duration, cfg.load.maxRequests, cfg.load.rounds)
	var results []result
	for _, sc := range scenarios {
		r, err := measureScenario(ctx, cfg, client, sc, big, small)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sc.label, err)
		}
		results = append(results, r)
	}
	fmt.Println()
	return results, nil
}

// leg is one server a scenario is measured against.
type leg struct {
	what    string
	t       target
	profile bool
}

func measureScenario(ctx context.Context, cfg config, client *http.Client, sc scenario, big, small *app) (result, error) {
	r := result{scenario: sc}
	var body []byte
	var err error
	if r.big, body, err = resolve(ctx, cfg, sc, big); err != nil {
		return r, err
	}
	if r.small, _, err = resolve(ctx, cfg, sc, small); err != nil {
		return r, err
	}
	bare := bareServer(body)
	defer bare.Close()
	legs := []leg{
		{what: short(big.db.users) + " users", t: target{url: big.url + r.big.path, cookie: big.cookie}, profile: true},
		{what: short(small.db.users) + " users", t: target{url: small.url + r.small.path, cookie: small.cookie}},
		{what: "bare echo", t: target{url: bare.URL + "/"}},
	}
	samples := make([][]sample, len(legs))
	for round := range cfg.load.rounds {
		for k := range legs {
			i := k
			if round%2 == 1 {
				i = len(legs) - 1 - k // every other round runs backwards, so drift hits every leg alike
			}
			s, err := measure(ctx, client, cfg, sc, legs[i], round)
			if err != nil {
				return r, err
			}
			samples[i] = append(samples[i], s)
		}
	}
	r.big.stats, r.small.stats, r.bare = summarize(samples[0]...), summarize(samples[1]...), summarize(samples[2]...)
	return r, nil
}

// resolve finds the URL to measure on a (following next links for a deep
// scenario) and fetches its body once.
func resolve(ctx context.Context, cfg config, sc scenario, a *app) (side, []byte, error) {
	s := side{path: sc.path, pages: 1}
	if sc.deep {
		path, page, err := a.followNext(ctx, sc.path, cfg.hops)
		if err != nil {
			return s, nil, err
		}
		s.path, s.pages = path, page
	}
	_, body, err := a.get(ctx, s.path)
	s.bytes = len(body)
	return s, body, err
}

// measure load tests one leg once, profiling the first round of the big database when asked.
func measure(ctx context.Context, client *http.Client, cfg config, sc scenario, l leg, round int) (sample, error) {
	stop := func() {}
	if l.profile && round == 0 {
		var err error
		if stop, err = startProfile(cfg.cpuProfile, sc.slug); err != nil {
			return sample{}, err
		}
	}
	s, err := loadTest(ctx, client, l.t, cfg.load)
	stop()
	if err != nil {
		return s, fmt.Errorf("%s: %w", l.what, err)
	}
	st := summarize(s)
	fmt.Printf("  round %d  %-7s %-12s %7.0f rps  p50 %-9s p99 %s\n", round+1, sc.slug, l.what, st.rps(), ms(st.p50), ms(st.p99))
	return s, nil
}

// startProfile writes a CPU profile of one big-database measurement when asked.
func startProfile(prefix, slug string) (func(), error) {
	if prefix == "" {
		return func() {}, nil
	}
	f, err := os.Create(prefix + "." + slug + ".pprof")
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}
