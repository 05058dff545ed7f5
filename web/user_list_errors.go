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
		key := query.PeopleErrorKey(name)
		if key == "" {
			continue
		}
		if vm.FilterErrors == nil {
			vm.FilterErrors, vm.Raw = map[string]string{}, map[string]string{}
		}
		vm.FilterErrors[name] = i18n.T(ctx, key)
		vm.Raw[name] = query.Clip(strings.ToValidUTF8(v.Get(name), "?"), query.MaxDomain)
	}
}
