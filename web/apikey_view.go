package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// keysVM lists an account's keys for the panel; base is where the panel's forms post.
func (h *Handler) keysVM(ctx context.Context, tenantID, accountID int64, base string) (views.Keys, error) {
	keys, err := h.store.APIKeys(ctx, tenantID, accountID)
	if err != nil {
		return views.Keys{}, err
	}
	vm := views.Keys{Base: base, Expires: "90d", CanCreate: true}
	now := time.Now()
	for _, k := range keys {
		vm.Rows = append(vm.Rows, views.KeyRow{ID: k.ID, Name: k.Name, Prefix: auth.KeyPrefixOf(k.PublicID),
			Created: k.CreatedAt, LastUsed: k.LastUsedAt, Expires: k.ExpiresAt, Status: k.KeyStatus(now), Ceiling: catalogOrder(k.Ceiling),
			RevokeURL: base + "/" + strconv.FormatInt(k.ID, 10) + "/revoke"})
	}
	return vm, nil
}

// createKey reads the new-key form and makes the key for target. It returns
// the whole key (to show once), or the form's errors.
func (h *Handler) createKey(c echo.Context, target store.Account) (string, map[string]string, error) {
	_, key, err := h.ops.CreateKey(c.Request().Context(), by(c), target.ID, c.FormValue("name"), c.FormValue("expires"))
	if e, ok := ops.As(err); ok && e.Key == "api_err_too_many_keys" {
		// The cap is the account's, not the name's: said above the list.
		return "", map[string]string{"form": e.Fields["name"]}, nil
	} else if ok && len(e.Fields) > 0 {
		return "", e.Fields, nil
	}
	return key, nil, err
}

// keyParam reads the key id of a revoke route.
func keyParam(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("key"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return id, nil
}

// revokeKey revokes one of the account's keys; another account's key is a 404.
func (h *Handler) revokeKey(c echo.Context, accountID int64) error {
	keyID, err := keyParam(c)
	if err != nil {
		return err
	}
	_, err = h.ops.RevokeKey(c.Request().Context(), by(c), accountID, keyID)
	return err
}

// catalogOrder sorts a key's ceiling as the permission catalog lists its
// areas, module access last, so two keys' ceilings read alike.
func catalogOrder(perms []string) []string {
	if perms == nil {
		return nil
	}
	rank := map[string]int{}
	for i, p := range auth.Catalog {
		rank[string(p.Key)] = i
	}
	out := slices.Clone(perms)
	slices.SortStableFunc(out, func(a, b string) int {
		ra, oka := rank[a]
		rb, okb := rank[b]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		return strings.Compare(a, b)
	})
	return out
}
