package main

import (
	"context"
	"fmt"
	"net/http"
)

// pagePair is one users-page scenario measured on two sides in one run.
type pagePair struct {
	scenario
	a, b   side
	cpu    [2]cpuShare // where the time went in each leg, when watched
	labels [2]string
}

// measurePair measures one scenario against two legs, round after round, the
// order reversed every other round so that drift hits both alike. watch, when
// set, tells where the CPU time of each leg went.
func measurePair(ctx context.Context, cfg config, client *http.Client, sc scenario, legs [2]leg, watch *cpuWatch) ([2]stats, [2]cpuShare, error) {
	var samples [2][]sample
	var cpu [2]cpuShare
	for round := range cfg.load.rounds {
		for k := range legs {
			i := k
			if round%2 == 1 {
				i = 1 - k
			}
			var mark cpuMark
			if watch != nil {
				mark = watch.mark(ctx)
			}
			s, err := measure(ctx, client, cfg, sc, legs[i], round)
			if err != nil {
				return [2]stats{}, cpu, err
			}
			if watch != nil {
				cpu[i] = cpu[i].plus(watch.since(ctx, mark))
			}
			samples[i] = append(samples[i], s)
		}
	}
	return [2]stats{summarize(samples[0]...), summarize(samples[1]...)}, cpu, nil
}

// pageScenarios are the users-page URLs PostgreSQL is measured on.
var pageScenarios = scenarios

// measurePGPages serves the same users (seeded alike) from PostgreSQL and
// from SQLite, each through the whole console in this process, and measures
// every users-page scenario on both: the first page, a search, a deep page.
func measurePGPages(ctx context.Context, cfg config, pg *pgServer, pgDB, liteDB database) ([]pagePair, error) {
	pgApp, err := startConsole(ctx, pgDB)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL console: %w", err)
	}
	defer pgApp.close()
	liteApp, err := startConsole(ctx, liteDB)
	if err != nil {
		return nil, fmt.Errorf("SQLite console: %w", err)
	}
	defer liteApp.close()
	client := newLoadClient(cfg.load.workers)
	defer client.CloseIdleConnections()
	watch := &cpuWatch{groups: []cpuGroup{{name: "bench (console and load)", pids: self},
		{name: "PostgreSQL", pids: pgBackends(pg, dbName(pgDB.path))}}}
	var out []pagePair
	for _, sc := range pageScenarios {
		p := pagePair{scenario: sc, labels: [2]string{"PostgreSQL", "SQLite"}}
		if p.a, _, err = resolve(ctx, cfg, sc, pgApp); err != nil {
			return nil, fmt.Errorf("PostgreSQL %s: %w", sc.label, err)
		}
		if p.b, _, err = resolve(ctx, cfg, sc, liteApp); err != nil {
			return nil, fmt.Errorf("SQLite %s: %w", sc.label, err)
		}
		pgSc := sc
		pgSc.slug = "pg-" + sc.slug // names the CPU profile of the PostgreSQL leg
		legs := [2]leg{
			{what: "PostgreSQL", t: target{url: pgApp.url + p.a.path, cookie: pgApp.cookie}, profile: true},
			{what: "SQLite", t: target{url: liteApp.url + p.b.path, cookie: liteApp.cookie}},
		}
		st, cpu, err := measurePair(ctx, cfg, client, pgSc, legs, watch)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sc.label, err)
		}
		p.a.stats, p.b.stats, p.cpu = st[0], st[1], cpu
		out = append(out, p)
	}
	return out, nil
}
