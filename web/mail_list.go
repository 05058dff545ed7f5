package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

const mailPage = 50

// mailFilter reads the Mail page's filters; a value it does not know is
// "any", as the users table does.
func mailFilter(c echo.Context) views.MailFilter {
	f := views.MailFilter{To: strings.TrimSpace(c.QueryParam("to")), Kind: c.QueryParam("kind"), Status: c.QueryParam("status")}
	if !utf8.ValidString(f.To) || utf8.RuneCountInString(f.To) > 254 {
		f.To = ""
	}
	if _, ok := views.MailKindGroups[f.Kind]; !ok {
		f.Kind = ""
	}
	if !slices.Contains(views.MailStatuses, f.Status) {
		f.Status = ""
	}
	return f
}

// mailList shows the tenant's outbox, newest first, filtered by recipient,
// kind and status: with no SMTP server, the place where every email of the
// console can be read.
func (h *Handler) mailList(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	f := mailFilter(c)
	mails, err := h.store.OutboxFiltered(ctx, p.Tenant.ID, store.MailFilter{To: f.To, Kinds: views.MailKindGroups[f.Kind], Status: f.Status},
		before, mailPage+1)
	if err != nil {
		return err
	}
	vm := views.MailList{Delivery: h.mailer != nil, Filter: f}
	if len(mails) > mailPage {
		mails = mails[:mailPage]
		vm.Next = "/mail?" + f.Query(url.Values{"before": {strconv.FormatInt(mails[mailPage-1].ID, 10)}})
	}
	for _, m := range mails {
		vm.Rows = append(vm.Rows, mailRow(c, m))
	}
	if hxTarget(c) == "mail-results" {
		return render(c, http.StatusOK, views.MailResults(vm))
	}
	return page(c, http.StatusOK, views.MailPage(vm), views.MailBlock(vm))
}

// mailShow shows one email with its links. Emails carry live links (a
// password reset for an Admin, say): only an Admin reads them, and only in
// their home tenant (a member's Admin type stays home).
func (h *Handler) mailShow(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	if !p.admin() {
		return &pageError{status: http.StatusForbidden, key: "err_mail_admin_only"}
	}
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	m, err := h.store.MailMessage(ctx, p.Tenant.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	} else if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.MailShowPage(views.MailShow{Row: mailRow(c, m), Text: m.Text,
		Links: consoleLinks(h.baseURL, m.Text)}))
}

var linkPattern = regexp.MustCompile(`https?://[^\s<>"]+`)

// consoleLinks are the links of a text that lead to this console.
func consoleLinks(base, text string) []string {
	var out []string
	for _, l := range linkPattern.FindAllString(text, -1) {
		if strings.HasPrefix(l, base+"/") {
			out = append(out, l)
		}
	}
	return out
}

func mailRow(c echo.Context, m store.Mail) views.MailRow {
	return views.MailRow{ID: m.ID, Created: views.FormatTime(c.Request().Context(), m.CreatedAt), To: m.To,
		Subject: m.Subject, Kind: m.Kind, Status: m.Status, Attempts: m.Attempts, LastError: m.LastError}
}
