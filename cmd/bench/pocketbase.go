package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"
)

var pbOnly = flag.Bool("pocketbase", false, "compare the API's users list with PocketBase's list API on the same people: builds PocketBase "+
	pbVersion+" from the module proxy (with Go "+pbGo+", which it needs), seeds --big people, measures both interleaved")

const (
	pbModule  = "github.com/pocketbase/pocketbase/examples/base"
	pbVersion = "v0.40.4"
	pbGo      = "go1.27.3"
	// minVsPocketBase is issue 18's target: the users list at least three
	// times PocketBase's list API with skipTotal.
	minVsPocketBase = 3.0
	pbEmail         = "bench@bench.test"
)

// pocketBaseBench serves the same people from the console (its own process,
// GET /api/v1/users?limit=50 with an API key, the rate limit out of reach)
// and from PocketBase (its own process, a "people" collection holding the
// same rows and an index on the same order, GET its records 50 at a time as
// a superuser, with and without skipTotal), and measures them interleaved.
func pocketBaseBench(ctx context.Context, cfg config, tmp string, out io.Writer) error {
	bin, err := buildCLI(ctx, tmp)
	if err != nil {
		return err
	}
	db, err := prepareDB(ctx, bin, filepath.Join(tmp, "big.db"), cfg.bigUsers)
	if err != nil {
		return err
	}
	keyOut, err := command(ctx, "", bin, "apikey", "create", "--db", db.path, "--email", adminEmail, "--tenant", adminTenant, "--name", "bench")
	if err != nil {
		return err
	}
	key := regexp.MustCompile(`csk_[A-Za-z0-9_-]+`).FindString(keyOut)
	if key == "" {
		return fmt.Errorf("console apikey create printed no key: %s", keyOut)
	}
	console, err := startProcess(ctx, bin, db.path, strings.Repeat("b", 64), 0, "CONSOLE_API_RATE=1000000000", "CONSOLE_API_BURST=1000000000")
	if err != nil {
		return err
	}
	defer console.stop()

	fmt.Fprintf(out, "Building PocketBase %s with %s (go install from the module proxy) …\n", pbVersion, pbGo)
	pbBin, err := buildPocketBase(ctx, tmp)
	if err != nil {
		fmt.Fprintf(out, "PocketBase cannot be built here: %v\n", err)
		return nil
	}
	pb, token, err := startPocketBase(ctx, pbBin, filepath.Join(tmp, "pb"), db.path)
	if err != nil {
		return err
	}
	defer pb.stop()

	client := newLoadClient(cfg.load.workers)
	defer client.CloseIdleConnections()
	pbList := pb.url + "/api/collections/people/records?perPage=50&sort=sort_name,id"
	legs := []leg{
		{what: "console", t: target{url: console.url + apiPath, auth: "Bearer " + key}},
		{what: "pb skipTotal", t: target{url: pbList + "&skipTotal=1", auth: token}},
		{what: "pb total", t: target{url: pbList, auth: token}},
	}
	sizes := make([]int, len(legs))
	for i, l := range legs {
		if sizes[i], err = fetchBytes(ctx, client, l.t); err != nil {
			return err
		}
	}
	samples := make([][]sample, len(legs))
	sc := scenario{slug: "pb"}
	for round := range cfg.load.rounds {
		for k := range legs {
			i := (k + round) % len(legs)
			s, err := measure(ctx, client, cfg, sc, legs[i], round)
			if err != nil {
				return err
			}
			samples[i] = append(samples[i], s)
		}
	}
	var v verdicts
	fmt.Fprintf(out, "\nThe users list against PocketBase %s, %s people, 50 per page, %d workers, %d rounds of %s\n",
		pbVersion, short(cfg.bigUsers), cfg.load.workers, cfg.load.rounds, cfg.load.duration)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "list\tbytes\trps\tp50 / p99\tconsole/this\t\n")
	console0 := summarize(samples[0]...)
	for i, l := range legs {
		s := summarize(samples[i]...)
		verdict := ""
		if i == 1 {
			verdict = fmt.Sprintf(" (≥%.0f) %s", minVsPocketBase,
				v.check(ratio(console0.rps(), s.rps()) >= minVsPocketBase, "users list vs PocketBase skipTotal"))
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%.2f%s\t\n", l.what, sizes[i], s.rps(), pair(s), ratio(console0.rps(), s.rps()), verdict)
	}
	tw.Flush()
	fmt.Fprintf(out, "  console: GET %s with an API key; PocketBase: GET %s as a superuser\n", apiPath,
		strings.TrimPrefix(pbList, pb.url))
	return nil
}

// buildPocketBase installs PocketBase's example server into dir/pbbin.
func buildPocketBase(ctx context.Context, dir string) (string, error) {
	gobin := filepath.Join(dir, "pbbin")
	cmd := exec.CommandContext(ctx, "go", "install", pbModule+"@"+pbVersion)
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+pbGo, "GOBIN="+gobin, "GOFLAGS=")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%w: %s", err, b)
	}
	return filepath.Join(gobin, "base"), nil
}

// startPocketBase makes a superuser, serves dir, creates the people
// collection (the console's list columns, indexed on its order) and fills it
// with the console database's people; it returns the server and a
// superuser's token.
func startPocketBase(ctx context.Context, bin, dir, consoleDB string) (*consoleProcess, string, error) {
	password := "bench-" + strings.Repeat("x", 16)
	if _, err := command(ctx, "", bin, "superuser", "upsert", pbEmail, password, "--dir", dir); err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	p := &consoleProcess{url: "http://" + addr, health: "/api/health",
		cmd: exec.Command(bin, "serve", "--http", addr, "--dir", dir)}
	if err := p.start(ctx); err != nil {
		return nil, "", err
	}
	var auth struct{ Token string }
	if err := pbCall(ctx, p.url+"/api/collections/_superusers/auth-with-password", "",
		map[string]string{"identity": pbEmail, "password": password}, &auth); err != nil {
		p.stop()
		return nil, "", err
	}
	text := func(name string) map[string]any { return map[string]any{"name": name, "type": "text"} }
	collection := map[string]any{"name": "people", "type": "base",
		"fields": []any{text("login"), text("first_name"), text("last_name"), text("sort_name"), text("email"),
			text("status"), text("auth_method"), text("user_type"), text("language"), text("time_zone"), text("currency"),
			map[string]any{"name": "created_at", "type": "number"}, map[string]any{"name": "last_active_at", "type": "number"}},
		"indexes": []string{"CREATE INDEX idx_people_order ON people (sort_name, id)"}}
	if err := pbCall(ctx, p.url+"/api/collections", auth.Token, collection, nil); err != nil {
		p.stop()
		return nil, "", err
	}
	if err := fillPocketBase(ctx, filepath.Join(dir, "data.db"), consoleDB); err != nil {
		p.stop()
		return nil, "", err
	}
	return p, auth.Token, nil
}

// fillPocketBase copies the demo tenant's people into the collection in one
// statement (PocketBase keeps no cache of records: its next list reads them).
func fillPocketBase(ctx context.Context, pbDB, consoleDB string) error {
	db, err := sql.Open("sqlite", "file:"+pbDB+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS c`, consoleDB); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `INSERT INTO people (id, login, first_name, last_name, sort_name, email, status, auth_method,
		user_type, language, time_zone, currency, created_at, last_active_at)
		SELECT printf('%015d', a.id), a.login, a.first_name, a.last_name, a.sort_name, COALESCE(a.email, ''), a.status, a.auth_method,
			a.user_type, a.language, a.time_zone, a.currency, a.created_at, a.last_active_at
		FROM c.accounts a JOIN c.tenants t ON t.id = a.tenant_id WHERE t.slug = ?`, adminTenant)
	return err
}

// pbCall posts body as JSON to PocketBase and decodes its answer into out.
func pbCall(ctx context.Context, url, token string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	answer, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("POST %s: status %d: %s", url, res.StatusCode, answer)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(answer, out)
}
