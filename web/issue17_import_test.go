package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// importFile posts a file to the upload form as a browser would; csrf
// false leaves the token out.
func (c *client) importFile(filename string, data []byte, csrf bool, headers ...string) response {
	c.t.Helper()
	if c.csrf == "" {
		c.get("/signin")
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if csrf {
		_ = w.WriteField("_csrf", c.csrf)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+filename+`"`)
	h.Set("Content-Type", "text/csv")
	part, _ := w.CreatePart(h)
	_, _ = part.Write(data)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+"/users/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

// importFormOf is what a form in the page would send: its hidden fields and
// each select's chosen option.
func importFormOf(doc *goquery.Selection) url.Values {
	v := url.Values{}
	doc.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		v.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	doc.Find("select").Each(func(_ int, s *goquery.Selection) {
		v.Set(s.AttrOr("name", ""), s.Find("option[selected]").AttrOr("value", ""))
	})
	return v
}

// A semicolon CSV with a BOM and CRLF, as Excel saves it in French: a new
// person, one changed, a duplicate, an unknown role, a formula for a login.
var importCSV = []byte("\ufeffIdentifiant;Prénom;Nom;Courriel;Rôles\r\n" +
	"alice;Alice;Martin;alice@acme.test;Member\r\n" +
	"carol;Caroline;Tester;carol@acme.test;\r\n" +
	"alice;Al;Dup;al@acme.test;\r\n" +
	"erin;Erin;Tester;erin@acme.test;Wizard\r\n" +
	"=cmd|'/C calc'!A0;Eve;Tester;eve@acme.test;\r\n")

// upload → map → preview → apply → the job runs → the people are there and
// the results file says why each row not applied was not.
func TestIssue17_ImportFlow(t *testing.T) {
	env := newEnv(t)
	env.user("boss@acme.test", "standard", "active", "user_manager", "member")
	env.user("carol@acme.test", "standard", "active")
	c := env.signedIn("boss@acme.test")

	users := c.get("/users")
	if href := users.doc.Find("#import-users").AttrOr("href", ""); !strings.HasSuffix(href, "/users/import") {
		t.Fatalf("the users toolbar links %q, want /users/import", href)
	}
	form := c.get("/users/import", htmx("main")...)
	wantStatus(t, form, http.StatusOK)
	if strings.HasPrefix(strings.ToLower(form.body), "<!doctype") || form.doc.Find("#import-file").Length() != 1 {
		t.Fatalf("the upload form as an htmx fragment:\n%s", snippet(form.body))
	}

	mapping := c.importFile("personnes.csv", importCSV, true)
	wantStatus(t, mapping, http.StatusOK)
	want := []string{"login", "first_name", "last_name", "email", "roles"}
	for i, f := range want {
		sel := mapping.doc.Find("#import-col-" + string(rune('0'+i)))
		if got := sel.Find("option[selected]").AttrOr("value", ""); got != f {
			t.Errorf("column %d guessed %q, want %q", i, got, f)
		}
		if sel.Length() == 1 && mapping.doc.Find(`label[for="import-col-`+string(rune('0'+i))+`"]`).Length() != 1 {
			t.Errorf("column %d has no label", i)
		}
	}
	action := mapping.doc.Find("#import-page form").AttrOr("action", "")
	if !strings.HasSuffix(action, "/preview") {
		t.Fatalf("mapping form posts to %q", action)
	}

	preview := c.post(action, importFormOf(mapping.doc.Find("#import-page form")))
	wantStatus(t, preview, http.StatusOK)
	counts := map[string]string{}
	preview.doc.Find("#import-counts li").Each(func(_ int, s *goquery.Selection) {
		counts[s.AttrOr("data-kind", "")] = text(s.Find("strong"))
	})
	if counts["create"] != "1" || counts["update"] != "1" || counts["error"] != "3" || counts["unchanged"] != "0" {
		t.Fatalf("preview counts %v", counts)
	}
	if got := text(preview.doc.Find("#import-blocking")); !strings.Contains(got, "3 rows") {
		t.Errorf("blocking errors say %q", got)
	}
	var rows []string
	preview.doc.Find("#import-rows tbody tr").Each(func(_ int, s *goquery.Selection) {
		var cells []string
		s.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, text(td)) })
		rows = append(rows, strings.Join(cells, " | "))
	})
	wantRows := []string{
		"Line 2 | alice | Create | ",
		"Line 3 | carol | Update | ",
		"Line 4 | alice | Error | Same person as an earlier line (Line 2)",
		"Line 5 | erin | Error | Unknown role (Wizard)",
		"Line 6 | =cmd|'/C calc'!A0 | Error | Use only letters, digits and . _ @ + - A cell starts like a spreadsheet formula",
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("preview rows:\n%s", strings.Join(rows, "\n"))
	}
	for i, w := range wantRows {
		if !strings.HasPrefix(rows[i], w) {
			t.Errorf("row %d is %q, want it to start %q", i, rows[i], w)
		}
	}
	if _, err := env.st.AccountByLogin(context.Background(), env.tenant.ID, "alice"); err == nil {
		t.Fatal("the preview created alice")
	}

	applyForm := preview.doc.Find("#import-page form")
	apply := c.post(applyForm.AttrOr("action", ""), importFormOf(applyForm))
	wantStatus(t, apply, http.StatusSeeOther)
	loc := apply.Header.Get("Location")
	if !strings.Contains(loc, "/jobs/") {
		t.Fatalf("apply went to %q", loc)
	}
	env.jobDone()
	alice, err := env.st.AccountByLogin(context.Background(), env.tenant.ID, "alice")
	if err != nil || alice.LastName != "Martin" {
		t.Fatalf("alice after the job: %+v %v", alice, err)
	}
	if carol, _ := env.st.AccountByLogin(context.Background(), env.tenant.ID, "carol"); carol.FirstName != "Caroline" {
		t.Fatalf("carol is %q", carol.FirstName)
	}
	page := c.get(loc)
	wantStatus(t, page, http.StatusOK)
	if got := text(page.doc.Find("#job-status")); !strings.Contains(got, "2 done") {
		t.Errorf("job page says %q", got)
	}
	if got := text(page.doc.Find(".job-problems")); !strings.Contains(got, "Line 5 · erin") || !strings.Contains(got, "Unknown role") {
		t.Errorf("job page problems: %q", got)
	}
	csv := c.get(loc + "/results.csv")
	wantStatus(t, csv, http.StatusOK)
	for _, w := range []string{"Line,Login,Email,Outcome,Reason", "2,alice,alice@acme.test,Done,\n",
		"4,alice,al@acme.test,Skipped,Same person as an earlier line (Line 2)", "5,erin,erin@acme.test,Skipped,Unknown role",
		"6,'=cmd|'/C calc'!A0,eve@acme.test,Skipped,Invalid login"} {
		if !strings.Contains(csv.body, w) {
			t.Errorf("results CSV lacks %q:\n%s", w, csv.body)
		}
	}

	// The same file again: nothing to change, and applying it changes nobody.
	again := c.importFile("personnes.csv", importCSV, true)
	preview = c.post(again.doc.Find("#import-page form").AttrOr("action", ""), importFormOf(again.doc.Find("#import-page form")))
	wantStatus(t, preview, http.StatusOK)
	if preview.doc.Find("#import-apply").Length() != 0 || preview.doc.Find("#import-nothing").Length() != 1 {
		t.Fatalf("second preview offers to apply: %s", text(preview.doc.Find("#import-counts")))
	}
	// Past the rows rehearsed, the preview judges by the lookups alone, and says so.
	env.h.imports.Rehearse = 1
	small := c.importFile("deux.csv", []byte("login;email\r\nalice;alice@acme.test\r\ncarol;carol@acme.test\r\n"), true)
	preview = c.post(small.doc.Find("#import-page form").AttrOr("action", ""), importFormOf(small.doc.Find("#import-page form")))
	wantStatus(t, preview, http.StatusOK)
	if got := text(preview.doc.Find("#import-beyond")); !strings.Contains(got, "The first 1 rows") || !strings.Contains(got, "the other 1 ") {
		t.Errorf("the preview does not say how far the operations judged: %q", got)
	}
}

// Refusals: no CSRF token, too large, wrong type, an empty file, a mapping
// without login or email, another's or another tenant's upload, a Member.
func TestIssue17_ImportRefusals(t *testing.T) {
	env := newEnv(t)
	env.user("boss@acme.test", "standard", "active", "user_manager", "member")
	env.user("other@acme.test", "standard", "active", "user_manager", "member")
	env.user("member@acme.test", "standard", "active", "member")
	otherTenant, otherRoles := env.newTenant("Other", "other")
	env.userIn(otherTenant.ID, otherRoles, "admin@other.test", "admin", "active")
	c := env.signedIn("boss@acme.test")

	wantStatus(t, c.importFile("p.csv", importCSV, false), http.StatusForbidden)
	big := append([]byte("login\n"), bytes.Repeat([]byte("x"), 8_000_001)...)
	res := c.importFile("p.csv", big, true)
	wantStatus(t, res, http.StatusRequestEntityTooLarge)
	if got := text(res.doc.Find("#import-file-error")); got != "The file is larger than 8 MB." {
		t.Errorf("too large says %q", got)
	}
	res = c.importFile("p.pdf", importCSV, true)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if got := text(res.doc.Find("#import-file-error")); !strings.Contains(got, "CSV") {
		t.Errorf("wrong type says %q", got)
	}
	res = c.importFile("p.csv", []byte("login;email\r\n"), true)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if got := text(res.doc.Find("#import-file-error")); got != "The file has a header but no rows." {
		t.Errorf("header only says %q", got)
	}

	mapping := c.importFile("p.csv", importCSV, true)
	wantStatus(t, mapping, http.StatusOK)
	action := mapping.doc.Find("#import-page form").AttrOr("action", "")
	res = c.post(action, url.Values{"col_1": {"first_name"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if got := text(res.doc.Find("#import-map-error")); !strings.Contains(got, "Login") {
		t.Errorf("no key column says %q", got)
	}
	// The apply names the mapping previewed: another one is refused.
	res = c.post(strings.Replace(action, "/preview", "/apply", 1), url.Values{"col_0": {"login"}, "fingerprint": {"nope"}})
	wantStatus(t, res, http.StatusConflict)
	if jobs, _ := env.st.Jobs(context.Background(), env.tenant.ID, 5); len(jobs) != 0 {
		t.Fatal("a job was queued for a mapping never previewed")
	}

	for who, status := range map[string]int{"other@acme.test": http.StatusNotFound, "admin@other.test": http.StatusNotFound,
		"member@acme.test": http.StatusForbidden} {
		o := env.signedIn(who)
		if who == "admin@other.test" {
			o.get("/t/other/users")
		}
		form := importFormOf(mapping.doc.Find("#import-page form"))
		form.Del("_csrf") // their own token
		if got := o.post(action, form); got.StatusCode != status {
			t.Errorf("%s previewing boss's upload: %d, want %d", who, got.StatusCode, status)
		}
	}
	m := env.signedIn("member@acme.test")
	wantStatus(t, m.get("/users/import"), http.StatusForbidden)
	wantStatus(t, m.importFile("p.csv", importCSV, true), http.StatusForbidden)
}
