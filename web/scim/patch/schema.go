package patch

import "strings"

// Type is a SCIM attribute data type (RFC 7643 §2.3).
type Type int

// The SCIM data types.
const (
	String Type = iota
	Boolean
	Decimal
	Integer
	DateTime
	Binary
	Reference
	Complex
)

var typeNames = [...]string{"string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex"}

// String returns the type's name as /Schemas spells it.
func (t Type) String() string { return typeNames[t] }

// Mutability values (RFC 7643 §7).
const (
	ReadWrite = "readWrite"
	ReadOnly  = "readOnly"
	Immutable = "immutable"
	WriteOnly = "writeOnly"
)

// Attr describes one attribute or sub-attribute. Empty Mutability means
// readWrite; empty Returned means "default"; empty Uniqueness means "none".
type Attr struct {
	Name           string
	Type           Type
	Multi          bool
	Required       bool
	CaseExact      bool
	Mutability     string
	Returned       string
	Uniqueness     string
	ReferenceTypes []string
	Sub            []Attr
	// KeyedBy names the sub-attribute that identifies an element of a
	// multi-valued complex attribute (Group members: "value"): add is a union
	// on it and removal by value matches it. Not part of RFC 7643's schema.
	KeyedBy string
}

// Schema is a resource's core schema with its extension schemas.
type Schema struct {
	URN        string
	Name       string
	Attrs      []Attr
	Extensions []Schema
}

func (a *Attr) readOnly() bool { return a.Mutability == ReadOnly }

// find returns the attribute named name, case-insensitively.
func find(attrs []Attr, name string) *Attr {
	for i := range attrs {
		if strings.EqualFold(attrs[i].Name, name) {
			return &attrs[i]
		}
	}
	return nil
}

// sub returns the sub-attribute named name.
func (a *Attr) sub(name string) *Attr { return find(a.Sub, name) }

// extension returns the extension whose URN is urn.
func (s *Schema) extension(urn string) *Schema {
	for i := range s.Extensions {
		if strings.EqualFold(s.Extensions[i].URN, urn) {
			return &s.Extensions[i]
		}
	}
	return nil
}
