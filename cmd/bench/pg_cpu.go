package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Where the time goes: the CPU time of each process a measurement involves,
// read from /proc before and after it, as cores used over the wall time. On
// two cores the console, PostgreSQL and the load generator share the same
// two; the machine's total shows what other processes took meanwhile.

// clockTicks is Linux's USER_HZ, the unit of /proc's CPU times (100 on every
// architecture Go runs on).
const clockTicks = 100

// cpuGroup is a set of processes counted together, e.g. PostgreSQL's backends.
type cpuGroup struct {
	name string
	pids func(context.Context) []int
}

type cpuWatch struct{ groups []cpuGroup }

type cpuMark struct {
	at      time.Time
	machine time.Duration
	used    []map[int]time.Duration // per group, per process
}

// cpuShare is the CPU time of each group, and of the whole machine, over some wall time.
type cpuShare struct {
	names   []string
	wall    time.Duration
	used    []time.Duration
	machine time.Duration
}

func (w *cpuWatch) mark(ctx context.Context) cpuMark {
	m := cpuMark{at: time.Now(), machine: machineBusy()}
	for _, g := range w.groups {
		used := map[int]time.Duration{}
		for _, pid := range g.pids(ctx) {
			used[pid] = processCPU(pid)
		}
		m.used = append(m.used, used)
	}
	return m
}

// since is the CPU time each group used since m; a process started since
// counts from zero.
func (w *cpuWatch) since(ctx context.Context, m cpuMark) cpuShare {
	s := cpuShare{wall: time.Since(m.at), machine: machineBusy() - m.machine}
	for i, g := range w.groups {
		var d time.Duration
		for _, pid := range g.pids(ctx) {
			d += processCPU(pid) - m.used[i][pid]
		}
		s.names, s.used = append(s.names, g.name), append(s.used, d)
	}
	return s
}

// plus adds two measurements' times.
func (c cpuShare) plus(o cpuShare) cpuShare {
	if c.names == nil {
		return o
	}
	c.wall += o.wall
	c.machine += o.machine
	for i := range c.used {
		c.used[i] += o.used[i]
	}
	return c
}

// String is "console 0.95, PostgreSQL 0.70, … cores": cores busy on average.
func (c cpuShare) String() string {
	if c.wall <= 0 {
		return "?"
	}
	var parts []string
	var ours time.Duration
	for i, n := range c.names {
		parts = append(parts, fmt.Sprintf("%s %.2f", n, c.used[i].Seconds()/c.wall.Seconds()))
		ours += c.used[i]
	}
	parts = append(parts, fmt.Sprintf("others %.2f", max(0, (c.machine-ours).Seconds())/c.wall.Seconds()))
	return strings.Join(parts, ", ") + fmt.Sprintf(" (machine %.2f of %d cores)", c.machine.Seconds()/c.wall.Seconds(), cores())
}

// processCPU is the user and system time of a process so far; zero once it is gone.
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name in parentheses may hold spaces: count fields after it.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// machineBusy is the CPU time all processes have used, from /proc/stat.
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal …
	var busy int64
	for i := 1; i < len(f) && i <= 8; i++ {
		if i == 4 || i == 5 { // idle, iowait
			continue
		}
		n, _ := strconv.ParseInt(f[i], 10, 64)
		busy += n
	}
	return time.Duration(busy) * time.Second / clockTicks
}

// cores is how many the machine has, from /proc/stat's per-CPU lines.
func cores() int {
	b, err := os.ReadFile("/proc/stat")
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "cpu") && len(line) > 3 && line[3] >= '0' && line[3] <= '9' {
			n++
		}
	}
	if err != nil || n == 0 {
		return 1
	}
	return n
}

// self is the bench's own process.
func self(context.Context) []int { return []int{os.Getpid()} }

// pgBackends are the server processes of one database.
func pgBackends(pg *pgServer, name string) func(context.Context) []int {
	return func(ctx context.Context) []int {
		pids, _ := pg.backends(ctx, name)
		return pids
	}
}
