package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestMyAccountKeepsTheProviderName: once the identity provider claimed a
// person, My account shows their names read-only and a forged change is
// refused next to the field (422, nothing saved); their language stays
// theirs to change. Back in console mode the names are theirs again.
func TestMyAccountKeepsTheProviderName(t *testing.T) {
	t.Parallel()
	env := newProvEnv(newEnv(t))
	ann := env.user("ann@acme.test", "standard", "active", "member")
	if _, err := env.h.ops.SCIMSaveUser(context.Background(), env.provider, ann.ID, store.SCIMUser{Login: ann.Login,
		FirstName: "Ann", LastName: "Provided", Email: ann.Email, Active: true}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("ann@acme.test")
	page := c.get("/account")
	wantStatus(t, page, http.StatusOK)
	for _, f := range []string{"first_name", "last_name"} {
		if _, ro := page.doc.Find("#" + f).Attr("readonly"); !ro {
			t.Errorf("My account offers %s to change", f)
		}
	}
	form := url.Values{"first_name": {"Renamed"}, "last_name": {"Provided"}, "language": {"fr"}, "time_zone": {""}, "currency": {"USD"}}
	res := c.post("/account", form)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#first_name-error").Text(), "identity provider") {
		t.Fatalf("the refusal is not next to the name: %q", res.doc.Find(".field-error").Text())
	}
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, ann.ID); a.FirstName != "Ann" || a.Language == "fr" {
		t.Fatalf("a refused change was saved: %+v", a)
	}
	form.Set("first_name", "Ann")
	if res := c.post("/account", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("changing one's language: %d", res.StatusCode)
	}
	env.setMode(store.ProvisioningConsole)
	if _, ro := c.get("/account").doc.Find("#first_name").Attr("readonly"); ro {
		t.Fatal("console mode: the name is still locked")
	}
}
