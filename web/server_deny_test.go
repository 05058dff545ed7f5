package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
	"github.com/console-dev/console/web/api"
)

// TestNewRefusesRouteWithoutPermission: deny by default, through the whole of
// New: a console or API table holding one route with no permission (or one
// outside the catalog) stops the server from starting, and the real tables start.
func TestNewRefusesRouteWithoutPermission(t *testing.T) {
	t.Parallel()
	st, err := store.Open(context.Background(), storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ok := func(echo.Context) error { return nil }
	cases := []struct {
		name    string
		tables  func(*Handler) ([]Route, []api.Route)
		refused string // "" when the server must start
	}{
		{"real tables", (*Handler).tables, ""},
		{"console route without permission", func(h *Handler) ([]Route, []api.Route) {
			return append(h.routes(), Route{http.MethodPost, "/users/:id/promote", "", ok}), h.api.Routes()
		}, "POST /users/:id/promote declares no permission"},
		{"console route with unknown permission", func(h *Handler) ([]Route, []api.Route) {
			return append(h.routes(), Route{http.MethodGet, "/x", "users.everything", ok}), h.api.Routes()
		}, `GET /x names unknown permission "users.everything"`},
		{"API route without permission", func(h *Handler) ([]Route, []api.Route) {
			return h.routes(), append(h.api.Routes(), api.Route{Method: http.MethodDelete, Path: "/tenants/:id", Handler: ok})
		}, "DELETE " + api.Base + "/tenants/:id declares no permission"},
		{"API route with unknown permission", func(h *Handler) ([]Route, []api.Route) {
			return h.routes(), append(h.api.Routes(), api.Route{Method: http.MethodGet, Path: "/x", Perm: auth.Permission("all"), Handler: ok})
		}, "GET " + api.Base + `/x names unknown permission "all"`},
	}
	for _, tc := range cases {
		e, h, err := newServer(st, cfg, tc.tables)
		switch {
		case tc.refused == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.refused == "" && (e == nil || h == nil):
			t.Errorf("%s: started without a server", tc.name)
		case tc.refused != "" && err == nil:
			t.Errorf("%s: the server started", tc.name)
		case tc.refused != "" && !strings.Contains(err.Error(), tc.refused):
			t.Errorf("%s: refused with %q, want it to name %q", tc.name, err, tc.refused)
		case tc.refused != "" && (e != nil || h != nil):
			t.Errorf("%s: refused but returned a server", tc.name)
		}
	}
}
