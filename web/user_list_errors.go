package web

import (
	"context"
	"net/url"
	"strings"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/query"
)

// filterErrors says beside each of the people filters (group, activity,
// domain, creation days) why its value was dropped; the older filters keep
// falling back quietly to their defaults.
func filterErrors(ctx context.Context, vm *views.Users, v url.Values, bad []string) {
	for _, name := range bad {
		msg := peopleFilterError(ctx, name)
		if msg == "" {
			continue
		}
		if vm.FilterErrors == nil {
			vm.FilterErrors, vm.Raw = map[string]string{}, map[string]string{}
		}
		vm.FilterErrors[name] = msg
		vm.Raw[name] = query.Clip(strings.ToValidUTF8(v.Get(name), "?"), query.MaxDomain)
	}
}

// peopleFilterError is the message for a refused people filter, "" for
// another parameter. The API says the same.
func peopleFilterError(ctx context.Context, name string) string {
	switch name {
	case "group":
		return i18n.T(ctx, "i16signin_err_group")
	case "inactive":
		return i18n.T(ctx, "i16signin_err_inactive")
	case "domain":
		return i18n.T(ctx, "i16signin_err_domain")
	case "created_from", "created_to":
		return i18n.T(ctx, "i16signin_err_date")
	}
	return ""
}
