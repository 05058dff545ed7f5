package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web"
)

var (
	scimOnly  = flag.Bool("scim-only", false, "measure only SCIM provisioning and lookups")
	scimUsers = flag.Int("scim-users", 10_000, "people provisioned by sequential SCIM POSTs, then deactivated by PATCH")
)

// minSCIMLookup is the target: a userName eq lookup at 100,000
// people costs at most 1/0.8 of the same lookup at 1,000.
const minSCIMLookup = 0.80

// scimTenant is a tenant in external provisioning mode with its Admin and a
// SCIM token, served through the whole console.
type scimTenant struct {
	st     *store.Store
	tenant int64
	token  string
	srv    *httptest.Server
}

// newSCIMTenant opens path, makes the tenant with n seeded people, and serves it.
func newSCIMTenant(ctx context.Context, path string, n int) (*scimTenant, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	t, err := st.CreateTenant(ctx, "SCIM", "scim", 0, auth.BuiltinRoles())
	if err != nil {
		st.Close()
		return nil, err
	}
	by := store.Actor{TenantID: t.ID, IP: "bench"}
	admin := seedPerson("admin", "admin") // the tenant's manager: a password account
	admin.AuthMethod, admin.PasswordHash = "password", "unusable"
	accounts := []store.SeedAccount{admin}
	for i := range n {
		accounts = append(accounts, seedPerson(fmt.Sprintf("seeded%06d", i), "standard"))
	}
	err = st.Seed(ctx, by, accounts)
	if err == nil {
		err = st.SetProvisioning(ctx, by, store.Provisioning{Mode: store.ProvisioningExternal})
	}
	token, publicID, hash := auth.NewSCIMToken()
	if err == nil {
		_, err = st.CreateSCIMToken(ctx, by, store.NewSCIMToken{PublicID: publicID, SecretHash: hash, Name: "bench"})
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, _, err := web.New(st, web.Config{Log: quiet})
	if err != nil {
		st.Close()
		return nil, err
	}
	return &scimTenant{st: st, tenant: t.ID, token: token, srv: httptest.NewServer(e)}, nil
}

func seedPerson(login, userType string) store.SeedAccount {
	now := time.Now().UTC()
	return store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{FirstName: "Seed", LastName: login,
		Email: login + "@example.com", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: userType},
		Login: login, Status: "active", AuthMethod: "sso"}, CreatedAt: now, LastActiveAt: now}
}

func (s *scimTenant) close() {
	s.srv.Close()
	s.st.Close()
}

// send makes one SCIM request and wants status.
func (s *scimTenant) send(client *http.Client, method, path, body string, status int) (string, error) {
	req, err := http.NewRequest(method, s.srv.URL+"/scim/v2"+path, strings.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/scim+json")
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != status {
		return "", fmt.Errorf("%s %s: status %d, want %d: %.200s", method, path, res.StatusCode, status, b)
	}
	return string(b), nil
}

// scimResult is what the SCIM bench measured.
type scimResult struct {
	users                  int
	create, deactivate     time.Duration
	groupAll, groupPatch   time.Duration
	lookupBig, lookupSmall stats
	bigUsers, smallUsers   int
}

// scimBench provisions people as an identity provider's first sync does
// (sequential POSTs, then PATCH active=false for each), then compares a
// userName eq lookup at big and small table sizes.
func scimBench(ctx context.Context, cfg config, dir string, w io.Writer) error {
	r := scimResult{users: *scimUsers, bigUsers: cfg.bigUsers, smallUsers: cfg.smallUsers}
	if err := scimProvision(ctx, dir, cfg.cpuProfile, &r); err != nil {
		return fmt.Errorf("scim provisioning: %w", err)
	}
	if err := scimLookups(ctx, cfg, dir, &r); err != nil {
		return fmt.Errorf("scim lookups: %w", err)
	}
	scimTable(w, r)
	return nil
}

func scimProvision(ctx context.Context, dir, profile string, r *scimResult) error {
	s, err := newSCIMTenant(ctx, filepath.Join(dir, "scim-provision.db"), 0)
	if err != nil {
		return err
	}
	defer s.close()
	client := newLoadClient(1)
	ids := make([]string, r.users)
	start := time.Now()
	for i := range r.users {
		login := fmt.Sprintf("idp%06d@example.com", i)
		body, err := s.send(client, "POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"`+login+
			`","externalId":"ext-`+login+`","name":{"givenName":"Idp","familyName":"Person"},"emails":[{"value":"`+login+
			`","type":"work","primary":true}],"active":true}`, http.StatusCreated)
		if err != nil {
			return err
		}
		ids[i] = idOf(body)
	}
	r.create = time.Since(start)
	stop, err := startProfile(profile, "scim-deactivate")
	if err != nil {
		return err
	}
	defer stop()
	start = time.Now()
	for _, id := range ids {
		if _, err := s.send(client, "PATCH", "/Users/"+id, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
			"Operations":[{"op":"replace","path":"active","value":false}]}`, http.StatusOK); err != nil {
			return err
		}
	}
	r.deactivate = time.Since(start)
	// A group of every provisioned person, then one PATCH changing two
	// members of it: linear in the members, one transaction.
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"value":"` + id + `"}`)
	}
	start = time.Now()
	body, err := s.send(client, "POST", "/Groups?excludedAttributes=members", `{"displayName":"Everyone","members":[`+b.String()+`]}`, http.StatusCreated)
	if err != nil {
		return err
	}
	r.groupAll = time.Since(start)
	gid := idOf(body)
	start = time.Now()
	_, err = s.send(client, "PATCH", "/Groups/"+gid, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
		{"op":"remove","path":"members[value eq \"`+ids[0]+`\"]"},{"op":"add","path":"members","value":[{"value":"`+ids[0]+`"}]},
		{"op":"Remove","path":"members","value":[{"value":"`+ids[len(ids)-1]+`"}]}]}`, http.StatusNoContent)
	r.groupPatch = time.Since(start)
	return err
}

// idOf reads "id" from a SCIM resource without decoding all of it.
func idOf(body string) string {
	_, rest, _ := strings.Cut(body, `"id":"`)
	id, _, _ := strings.Cut(rest, `"`)
	return id
}

func scimLookups(ctx context.Context, cfg config, dir string, r *scimResult) error {
	big, err := newSCIMTenant(ctx, filepath.Join(dir, "scim-big.db"), cfg.bigUsers)
	if err != nil {
		return err
	}
	defer big.close()
	small, err := newSCIMTenant(ctx, filepath.Join(dir, "scim-small.db"), cfg.smallUsers)
	if err != nil {
		return err
	}
	defer small.close()
	client := newLoadClient(cfg.load.workers)
	lookup := func(s *scimTenant, n int) target {
		f := url.QueryEscape(fmt.Sprintf(`userName eq "SEEDED%06d"`, n/2))
		return target{url: s.srv.URL + "/scim/v2/Users?filter=" + f, auth: "Bearer " + s.token}
	}
	tb, ts := lookup(big, cfg.bigUsers), lookup(small, cfg.smallUsers)
	var bs, ss []sample
	for round := range cfg.load.rounds {
		order := []int{0, 1}
		if round%2 == 1 {
			order = []int{1, 0}
		}
		for _, o := range order {
			t, into := tb, &bs
			if o == 1 {
				t, into = ts, &ss
			}
			smp, err := loadTest(ctx, client, t, cfg.load)
			if err != nil {
				return err
			}
			*into = append(*into, smp)
		}
	}
	r.lookupBig, r.lookupSmall = summarize(bs...), summarize(ss...)
	return nil
}

func scimTable(w io.Writer, r scimResult) {
	var v verdicts
	perSec := func(n int, d time.Duration) float64 { return float64(n) / d.Seconds() }
	fmt.Fprintf(w, "SCIM provisioning through the whole handler (sequential requests, one client, as an IdP's first sync)\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "operation\tcount\ttime\tops/s\t\n")
	fmt.Fprintf(tw, "POST /Users\t%d\t%s\t%.0f\t\n", r.users, r.create.Round(time.Millisecond), perSec(r.users, r.create))
	fmt.Fprintf(tw, "PATCH /Users/{id} active=false\t%d\t%s\t%.0f\t\n", r.users, r.deactivate.Round(time.Millisecond), perSec(r.users, r.deactivate))
	fmt.Fprintf(tw, "POST /Groups with every person\t%d members\t%s\t\t\n", r.users, r.groupAll.Round(time.Millisecond))
	fmt.Fprintf(tw, "PATCH /Groups/{id} (3 member ops)\t%d members\t%s\t\t\n", r.users, r.groupPatch.Round(time.Millisecond))
	tw.Flush()
	fmt.Fprintln(w)
	b, s := short(r.bigUsers), short(r.smallUsers)
	vs := ratio(r.lookupBig.rps(), r.lookupSmall.rps())
	fmt.Fprintln(w, "SCIM lookup GET /Users?filter=userName eq \"…\" (the IdP's match before each create)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "rps %s\trps %s\t%s/%s\t≥%.2f\tp50/p99 %s\tp50/p99 %s\t\n", b, s, b, s, minSCIMLookup, b, s)
	fmt.Fprintf(tw, "%.0f\t%.0f\t%.2f\t%s\t%s\t%s\t\n", r.lookupBig.rps(), r.lookupSmall.rps(), vs,
		v.check(vs >= minSCIMLookup, "scim userName eq "+b+"/"+s), pair(r.lookupBig), pair(r.lookupSmall))
	tw.Flush()
	fmt.Fprintln(w)
}
