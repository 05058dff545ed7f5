package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

var procsGOMAXPROCS = flag.Int("pg-gomaxprocs", 1, "GOMAXPROCS of each console process in the two-process measurement judged against its target (0: Go's default, the machine's cores)")

// consoleProcess is "console serve" running on its own port.
type consoleProcess struct {
	url    string
	health string // the path that answers 200 once it serves: /healthz unless set
	cmd    *exec.Cmd
	out    *lockedBuffer
	exited chan struct{}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startProcess runs the console built as bin on db, as an operator would
// behind a load balancer: its own port, the secret key every process shares.
func startProcess(ctx context.Context, bin, db, secret string, gomaxprocs int, env ...string) (*consoleProcess, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	p := &consoleProcess{url: "http://" + addr}
	p.cmd = exec.Command(bin, "serve", "--db", db, "--addr", addr, "--log-format", "json")
	p.cmd.Env = append(append(os.Environ(), "CONSOLE_SECRET_KEY="+secret), env...)
	if gomaxprocs > 0 {
		p.cmd.Env = append(p.cmd.Env, fmt.Sprintf("GOMAXPROCS=%d", gomaxprocs))
	}
	return p, p.start(ctx)
}

// start runs the process and waits until it serves.
func (p *consoleProcess) start(ctx context.Context) error {
	p.out, p.exited = &lockedBuffer{}, make(chan struct{})
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		return err
	}
	go func() { _ = p.cmd.Wait(); close(p.exited) }()
	if err := p.ready(ctx); err != nil {
		p.stop()
		return fmt.Errorf("%s on %s: %w\n%s", p.cmd.Args[0], p.url, err, p.out.String())
	}
	return nil
}

// ready waits for its health path to answer 200.
func (p *consoleProcess) ready(ctx context.Context) error {
	deadline := time.Now().Add(60 * time.Second)
	health := cmp.Or(p.health, "/healthz")
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, p.url+health, nil)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.exited:
			return fmt.Errorf("exited before answering %s", health)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no 200 from %s within a minute", health)
		}
	}
}

// stop asks the process to finish, as a deployment would, and kills it if it lingers.
func (p *consoleProcess) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

func (p *consoleProcess) pid(context.Context) []int { return []int{p.cmd.Process.Pid} }

// procsScenarios are the users-page URLs of the two-process measurement.
var procsScenarios = []scenario{scenarios[0], scenarios[2]}

// procsConfig is one shape of the two-process measurement.
type procsConfig struct {
	gomaxprocs int // of each console process; 0 is Go's default
	scenarios  []scenario
	judged     bool // against the target, or shown for comparison
}

// procsConfigs: processes limited to one core each, as instances of one
// core behind a load balancer would be, judged; then Go's default, where one
// process alone may already use both of this machine's cores, for comparison.
func procsConfigs() []procsConfig {
	out := []procsConfig{{gomaxprocs: *procsGOMAXPROCS, scenarios: procsScenarios, judged: true}}
	if *procsGOMAXPROCS != 0 {
		out = append(out, procsConfig{scenarios: procsScenarios[:1]})
	}
	return out
}

// measureProcesses runs two console processes on the PostgreSQL database
// and measures the users page through one of them alone, then with the
// requests spread round-robin across both, as a load balancer would. The
// administrator signs in on the first: the session lives in the database, so
// the same cookie works on the second.
func measureProcesses(ctx context.Context, cfg config, bin string, db database, pg *pgServer, pc procsConfig) ([]pagePair, error) {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	secret := hex.EncodeToString(key)
	var procs [2]*consoleProcess
	for i := range procs {
		p, err := startProcess(ctx, bin, db.path, secret, pc.gomaxprocs)
		if err != nil {
			return nil, err
		}
		defer p.stop()
		procs[i] = p
	}
	one := newApp(db, procs[0].url)
	if err := one.signIn(ctx); err != nil {
		return nil, err
	}
	second := procs[1].url
	watch := &cpuWatch{groups: []cpuGroup{{name: "console 1", pids: procs[0].pid}, {name: "console 2", pids: procs[1].pid},
		{name: "PostgreSQL", pids: pgBackends(pg, dbName(db.path))}, {name: "load generator", pids: self}}}
	client := newLoadClient(cfg.load.workers)
	defer client.CloseIdleConnections()
	var out []pagePair
	for _, sc := range pc.scenarios {
		p := pagePair{scenario: sc, labels: [2]string{"two processes", "one process"}}
		var err error
		if p.a, _, err = resolve(ctx, cfg, sc, one); err != nil {
			return nil, err
		}
		if _, err = fetch(ctx, client, target{url: second + p.a.path, cookie: one.cookie}); err != nil {
			return nil, fmt.Errorf("the second process refused the first's session: %w", err)
		}
		p.b = p.a
		procSc := sc
		procSc.slug = fmt.Sprintf("procs%d-%s", pc.gomaxprocs, sc.slug)
		legs := [2]leg{
			{what: "two processes", t: target{spread: []string{one.url + p.a.path, second + p.a.path}, cookie: one.cookie}},
			{what: "one process", t: target{url: one.url + p.a.path, cookie: one.cookie}},
		}
		st, cpu, err := measurePair(ctx, cfg, client, procSc, legs, watch)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sc.label, err)
		}
		p.a.stats, p.b.stats, p.cpu = st[0], st[1], cpu
		out = append(out, p)
	}
	return out, nil
}
