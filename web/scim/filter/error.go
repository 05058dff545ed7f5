package filter

// Error is what Translate returns for any filter it refuses. Its ScimType is
// always "invalidFilter" (RFC 7644 §3.12): the caller answers 400.
type Error struct {
	// ScimType is always "invalidFilter".
	ScimType string
	// Detail is an English sentence naming the attribute or position.
	Detail string
}

func (e *Error) Error() string { return "scim filter: " + e.Detail }

// invalid builds the Error with a formatted Detail.
func invalid(detail string) *Error {
	return &Error{ScimType: "invalidFilter", Detail: detail}
}
