package web

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// TestErrorHandlerMapsStoreSentinels: a handler returns the store's error as
// it is (wrapped or not) and the one error handler answers 404 or 409 with
// its page, as the API does, never a 500.
func TestErrorHandlerMapsStoreSentinels(t *testing.T) {
	t.Parallel()
	h := &Handler{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	e := echo.New()
	for _, tc := range []struct {
		err    error
		status int
		key    string
	}{
		{store.ErrNotFound, http.StatusNotFound, "err_not_found"},
		{fmt.Errorf("store: group: %w", store.ErrNotFound), http.StatusNotFound, "err_not_found"},
		{&store.Conflict{Field: "name"}, http.StatusConflict, "err_conflict"},
		{fmt.Errorf("web: create: %w", store.ErrConflict), http.StatusConflict, "err_conflict"},
		{errors.New("disk on fire"), http.StatusInternalServerError, "err_internal"},
	} {
		for _, hx := range []bool{false, true} {
			req := httptest.NewRequest(http.MethodGet, "/groups/1", nil)
			if hx {
				req.Header.Set("HX-Request", "true")
			}
			rec := httptest.NewRecorder()
			h.handleError(tc.err, e.NewContext(req, rec))
			if rec.Code != tc.status {
				t.Errorf("%v (htmx %v): status %d, want %d", tc.err, hx, rec.Code, tc.status)
			}
			if want := i18n.T(t.Context(), tc.key); !strings.Contains(rec.Body.String(), want) {
				t.Errorf("%v (htmx %v): body lacks %q:\n%s", tc.err, hx, want, snippet(rec.Body.String()))
			}
			if strings.Contains(rec.Body.String(), "fire") || strings.Contains(rec.Body.String(), "store:") {
				t.Errorf("%v: internals shown", tc.err)
			}
		}
	}
}
