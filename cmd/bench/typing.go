package main

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"time"
)

// typingWords are typed into the users page's search, eight keystrokes each:
// surnames the demo seed gives thousands of people, folded as the search folds.
var typingWords = []string{"fontaine", "rousseau", "lemaitre", "chatelai", "belanger", "levesque"}

// typingLimit is the bound on a keystroke's p99 at 1,000,000 people.
const typingLimit = 50 * time.Millisecond

// measureTyping types every word into the big database's search as one
// person does: one htmx request per keystroke (the page's debounce sends no
// more), each sent when the previous one has answered, then the count the
// swapped table asks for (hx-trigger="load"), the whole set typed rounds
// times after one warm-up pass. A keystroke's latency is until both have
// answered.
func measureTyping(ctx context.Context, big *app, rounds int) (stats, error) {
	client := newLoadClient(1)
	defer client.CloseIdleConnections()
	var lat []time.Duration
	start := time.Now()
	for round := range rounds + 1 {
		for _, w := range typingWords {
			for i := 1; i <= len(w); i++ {
				q := "?q=" + url.QueryEscape(w[:i])
				d, err := fetch(ctx, client, target{url: big.url + "/users" + q, cookie: big.cookie, htmx: true})
				if err != nil {
					return stats{}, err
				}
				count, err := fetch(ctx, client, target{url: big.url + "/users/count" + q, cookie: big.cookie, htmx: true})
				if err != nil {
					return stats{}, err
				}
				d += count
				if round > 0 {
					lat = append(lat, d)
				}
			}
		}
	}
	slices.Sort(lat)
	return stats{requests: len(lat), elapsed: time.Since(start), p50: percentile(lat, 0.5), p99: percentile(lat, 0.99)}, nil
}

func typingLine(v *verdicts, users int, s stats) string {
	return fmt.Sprintf("Typing a search at %s people (per keystroke the table, then its count; 8 keystrokes, %d words, %d keystrokes measured): p50 %s, p99 %s (target p99 < %s): %s\n",
		short(users), len(typingWords), s.requests, ms(s.p50), ms(s.p99), ms(typingLimit),
		v.check(s.p99 < typingLimit, "typing p99 at "+short(users)))
}
