package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
)

// loadConfig bounds every measurement in both time and count.
type loadConfig struct {
	workers     int
	warmup      int
	rounds      int // each target is measured once per round, the order reversed every other round
	duration    time.Duration
	maxRequests int
	warmupFor   time.Duration // the warm-up's time bound; 0 is a minute
}

// target is one URL to hammer, with the cookies to send.
type target struct {
	url    string
	cookie string
	auth   string   // Authorization header, for the API
	spread []string // when set, the requests go round-robin over these URLs instead, as a load balancer would
	htmx   bool     // sent as htmx sends it (HX-Request), for a fragment
}

// nth is the target of the n-th request.
func (t target) nth(n int64) target {
	if len(t.spread) > 0 {
		t.url = t.spread[n%int64(len(t.spread))]
	}
	return t
}

// sample is the latency of every 200 response over some elapsed time.
type sample struct {
	lat     []time.Duration
	elapsed time.Duration
}

// stats sums samples taken in several rounds: 200 responses only.
type stats struct {
	requests int
	elapsed  time.Duration
	p50, p99 time.Duration
}

func summarize(samples ...sample) stats {
	var s stats
	var lat []time.Duration
	for _, x := range samples {
		lat = append(lat, x.lat...)
		s.elapsed += x.elapsed
	}
	slices.Sort(lat)
	s.requests, s.p50, s.p99 = len(lat), percentile(lat, 0.50), percentile(lat, 0.99)
	return s
}

func (s stats) rps() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return float64(s.requests) / s.elapsed.Seconds()
}

// newLoadClient keeps one connection per worker alive between requests.
func newLoadClient(workers int) *http.Client {
	tr := &http.Transport{MaxIdleConns: 4 * workers, MaxIdleConnsPerHost: 2 * workers, DisableCompression: true,
		IdleConnTimeout: time.Minute}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// loadTest warms up, then measures t with a fixed number of workers for a fixed time.
func loadTest(ctx context.Context, client *http.Client, t target, cfg loadConfig) (sample, error) {
	warmFor := cfg.warmupFor
	if warmFor == 0 {
		warmFor = time.Minute
	}
	if _, _, err := drive(ctx, client, t, cfg.workers, cfg.warmup, time.Now().Add(warmFor)); err != nil {
		return sample{}, err
	}
	lat, elapsed, err := drive(ctx, client, t, cfg.workers, cfg.maxRequests, time.Now().Add(cfg.duration))
	return sample{lat: lat, elapsed: elapsed}, err
}

// drive sends at most budget requests from workers goroutines until deadline,
// returning each 200 response's latency. The first non-200 stops every worker.
func drive(ctx context.Context, client *http.Client, t target, workers, budget int, deadline time.Time) ([]time.Duration, time.Duration, error) {
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	var (
		tickets atomic.Int64
		wg      sync.WaitGroup
		mu      sync.Mutex
		all     []time.Duration
		first   error
	)
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			for n := tickets.Add(1); ctx.Err() == nil && n <= int64(budget); n = tickets.Add(1) {
				d, err := fetch(ctx, client, t.nth(n))
				if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
					break // cut off by the deadline: not counted, not a failure
				}
				if err != nil {
					mu.Lock()
					first = firstErr(first, err)
					mu.Unlock()
					cancel()
					break
				}
				lat = append(lat, d)
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if first == nil && ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		first = ctx.Err()
	}
	return all, elapsed, first
}

func firstErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// fetch sends one GET and reads the whole body; anything but 200 is an error.
func fetch(ctx context.Context, client *http.Client, t target) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.url, nil)
	if err != nil {
		return 0, err
	}
	if t.cookie != "" {
		req.Header.Set("Cookie", t.cookie)
	}
	if t.auth != "" {
		req.Header.Set("Authorization", t.auth)
	}
	if t.htmx {
		req.Header.Set("HX-Request", "true")
	}
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(start)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: status %d, want 200", t.url, res.StatusCode)
	}
	return d, nil
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

// bareServer serves body from a bare echo handler: the floor a page can cost.
func bareServer(body []byte) *httptest.Server {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/", func(c echo.Context) error { return c.HTMLBlob(http.StatusOK, body) })
	return httptest.NewServer(e)
}
