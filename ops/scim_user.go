package ops

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// The refusals only the provider meets; the SCIM front door tells them
// apart by key (scim_err_login_immutable is its "mutability").
var errLoginImmutable = refuse(Invalid, "scim_err_login_immutable")

// SCIMCreateUser creates a person for the identity provider: an SSO account
// it manages, with the tenant's default roles. The login (userName) is 1 to
// 254 characters without spaces or control characters, taken in no case in
// the tenant; names at most 100 (a missing first name is the login's local
// part); the email required, valid and free in the tenant tree.
func (o *Ops) SCIMCreateUser(ctx context.Context, p Principal, u store.SCIMUser) (store.Account, error) {
	if err := scimUserInput(ctx, &u, true); err != nil {
		return store.Account{}, err
	}
	return o.st.SCIMCreateUser(ctx, p.provider(), u)
}

// SCIMSaveUser writes what the provider keeps of person id (PUT, or PATCH
// applied to what it read) and claims them. The login never changes: a
// different userName is refused, one differing only in case kept as it is.
func (o *Ops) SCIMSaveUser(ctx context.Context, p Principal, id int64, u store.SCIMUser) (store.Account, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return a, err
	}
	if a.Kind != "user" {
		return a, store.ErrNotFound
	}
	u.Login = strings.TrimSpace(u.Login)
	if u.Login != "" && !strings.EqualFold(u.Login, a.Login) {
		return a, errLoginImmutable
	}
	u.Login = a.Login
	if err := scimUserInput(ctx, &u, false); err != nil {
		return a, err
	}
	return o.st.SCIMSaveUser(ctx, p.provider(), id, u)
}

// SCIMDeleteUser is the provider's DELETE: it deactivates the person, or
// deletes them when the tenant's provisioning settings say so. Either way
// the last person able to manage users stays.
func (o *Ops) SCIMDeleteUser(ctx context.Context, p Principal, id int64) error {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return err
	}
	if a.Kind != "user" {
		return store.ErrNotFound
	}
	pr, err := o.st.Provisioning(ctx, p.TenantID)
	if err != nil {
		return err
	}
	if pr.DeleteRemoves {
		return o.st.DeleteAccount(ctx, p.provider(), id)
	}
	_, err = o.st.SetStatus(ctx, p.provider(), id, "deactivated")
	return err
}

// scimUserInput trims and checks what the provider sent.
func scimUserInput(ctx context.Context, u *store.SCIMUser, creating bool) error {
	u.Login, u.FirstName, u.LastName = strings.TrimSpace(u.Login), strings.TrimSpace(u.FirstName), strings.TrimSpace(u.LastName)
	u.Email, u.TimeZone = strings.ToLower(strings.TrimSpace(u.Email)), strings.TrimSpace(u.TimeZone)
	errs := map[string]string{}
	if creating {
		switch {
		case u.Login == "":
			errs["login"] = i18n.T(ctx, "err_required")
		case !utf8.ValidString(u.Login) || utf8.RuneCountInString(u.Login) > 254 || strings.IndexFunc(u.Login, badLoginRune) >= 0:
			errs["login"] = i18n.T(ctx, "scim_err_login")
		}
	}
	if u.FirstName == "" && u.LastName == "" {
		local, _, _ := strings.Cut(u.Login, "@")
		u.FirstName = clipRunes(local, 100)
	}
	form.Text(ctx, errs, "first_name", u.FirstName, false, 100)
	form.Text(ctx, errs, "last_name", u.LastName, false, 100)
	form.Text(ctx, errs, "email", u.Email, true, 254)
	if errs["email"] == "" && !form.ValidEmail(u.Email) {
		errs["email"] = i18n.T(ctx, "err_email")
	}
	if u.TimeZone != "" {
		form.Zone(ctx, errs, "time_zone", u.TimeZone)
	}
	if len(u.ExternalID) > 255 || !utf8.ValidString(u.ExternalID) {
		errs["external_id"] = i18n.T(ctx, "scim_err_external_id")
	}
	u.Language = scimLanguage(u.Language)
	return invalid(errs)
}

// badLoginRune: a login holds no space, no control character and no
// invisible format character (zero-width, bidi, BOM) that would let
// "adm\u200bin" pass for "admin".
func badLoginRune(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// scimLanguage is the console language of a provider's preferredLanguage or
// locale ("fr-CA", "fr_FR", "en-US;q=0.8"): French or English when the tag
// says so, else the browser's.
func scimLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, ",;"); i >= 0 {
		tag = tag[:i]
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	switch base {
	case "en", "fr":
		return base
	}
	return "browser"
}

// lockRefused says, in both front doors' words, why the lock of external
// provisioning refused a change.
func lockRefused(err error) error {
	switch {
	case errors.Is(err, store.ErrManaged):
		return errManaged
	case errors.Is(err, store.ErrExternal):
		return errExternal
	}
	return err
}

var (
	errManaged  = refuse(Conflict, "scim_err_managed")
	errExternal = refuse(Conflict, "scim_err_external")
)
