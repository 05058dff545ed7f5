package patch

import (
	"encoding/json"
	"net/http"
	"strings"
)

// PatchOpURN is the schema a PATCH request body declares.
const PatchOpURN = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

// MaxOperations is the most operations one request may carry.
const MaxOperations = 1000

// Operation is one PATCH operation. Value is kept raw so that an absent value
// (nil) differs from an explicit null ("null").
type Operation struct {
	Op    string          `json:"op"`
	Path  string          `json:"path,omitempty"`
	Value json.RawMessage `json:"value,omitempty"`
}

// Request is a PATCH request body.
type Request struct {
	Schemas    []string    `json:"schemas"`
	Operations []Operation `json:"Operations"`
}

// Validate checks the envelope: the PatchOp schema is declared, there is at
// least one operation and not more than MaxOperations.
func (r Request) Validate() error {
	declared := false
	for _, s := range r.Schemas {
		declared = declared || strings.EqualFold(s, PatchOpURN)
	}
	if !declared {
		return badRequest(InvalidSyntax, "schemas must contain %s", PatchOpURN)
	}
	if len(r.Operations) == 0 {
		return badRequest(InvalidSyntax, "Operations is empty")
	}
	return checkCount(len(r.Operations))
}

func checkCount(n int) error {
	if n > MaxOperations {
		return &Error{Status: http.StatusRequestEntityTooLarge,
			Detail: "at most 1000 operations per PATCH request"}
	}
	return nil
}
