package patch

import (
	"fmt"
	"net/http"
)

// Error is a client error to be answered as a SCIM error body (RFC 7644 §3.12).
type Error struct {
	Status   int
	ScimType string
	Detail   string
}

func (e *Error) Error() string {
	if e.ScimType == "" {
		return fmt.Sprintf("scim patch: %d: %s", e.Status, e.Detail)
	}
	return fmt.Sprintf("scim patch: %d %s: %s", e.Status, e.ScimType, e.Detail)
}

// SCIM error types used by this package.
const (
	InvalidPath   = "invalidPath"
	InvalidValue  = "invalidValue"
	InvalidSyntax = "invalidSyntax"
	InvalidFilter = "invalidFilter"
	NoTarget      = "noTarget"
	Mutability    = "mutability"
)

func badRequest(scimType, format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, ScimType: scimType, Detail: fmt.Sprintf(format, args...)}
}
