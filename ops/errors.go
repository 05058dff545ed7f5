package ops

import (
	"context"
	"errors"

	"github.com/console-dev/console/i18n"
)

// Kind sorts refusals the way both front doors answer them.
type Kind int

// The kinds of refusal: the console and the API map each to one status.
const (
	Invalid   Kind = iota + 1 // 422: input refused, Fields name why
	Forbidden                 // 403: the actor may not do this to this
	NotFound                  // 404: no such thing in the actor's tenant
	Conflict                  // 409: the state forbids it (last manager, taken, in use)
	Throttled                 // 429: too many of these lately (mail to one address)
)

// Error is an operation's refusal. Key is the catalog key of the message as a
// whole; Fields maps a field to its translated message when input is refused.
type Error struct {
	Kind   Kind
	Key    string
	Data   map[string]any // placeholders of Key
	Fields map[string]string
}

func (e *Error) Error() string { return "ops: " + e.Key }

func refuse(kind Kind, key string) *Error { return &Error{Kind: kind, Key: key} }

// invalid refuses input, one message per field; nil when there is none.
func invalid(fields map[string]string) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Key: "api_err_invalid", Fields: fields}
}

// fieldError refuses one field with the message of key.
func fieldError(ctx context.Context, field, key string) error {
	return invalid(map[string]string{field: i18n.T(ctx, key)})
}

// The refusals the guard and the operations share.
var (
	errForbidden = refuse(Forbidden, "err_forbidden")
	errAdminOnly = refuse(Forbidden, "err_admin_only")
	errBeyond    = refuse(Forbidden, "err_act_beyond")
	errGrant     = refuse(Forbidden, "err_grant_beyond")
	errSelf      = refuse(Conflict, "err_self_status")
	errAbove     = refuse(Forbidden, "err_member_above")
)

// As reports err as an operation's refusal, if it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// grantRefused names the field of a creation the guard refused: the type
// when only an Admin may make it, else the roles beyond the actor's access.
func grantRefused(ctx context.Context, err error, userType string) error {
	switch {
	case errors.Is(err, errAdminOnly) && userType == "admin":
		return typeRefused(ctx)
	case errors.Is(err, errAdminOnly), errors.Is(err, errBeyond), errors.Is(err, errGrant):
		return &Error{Kind: Forbidden, Key: "err_grant_beyond", Fields: map[string]string{"role_ids": i18n.T(ctx, "err_grant_beyond")}}
	}
	return err
}

// typeRefused refuses the user type asked for: only an Admin makes or
// unmakes an Admin.
func typeRefused(ctx context.Context) error {
	return &Error{Kind: Invalid, Key: "err_admin_only", Fields: map[string]string{"user_type": i18n.T(ctx, "err_admin_only")}}
}
