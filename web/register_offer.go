package web

import (
	"context"
	"errors"

	"github.com/console-dev/console/views"
)

// offerRegistration adds "Create an account" to the sign-in page when slug
// names a tenant that takes registrations; anything else adds nothing.
func (h *Handler) offerRegistration(ctx context.Context, vm *views.SignIn, slug string) error {
	if slug == "" {
		return nil
	}
	t, _, err := h.openRegistration(ctx, slug)
	if errors.Is(err, errRegistrationClosed) {
		return nil
	}
	if err != nil {
		return err
	}
	vm.Tenant, vm.RegisterURL = t.Slug, "/register/"+t.Slug
	return nil
}
