package patch

// GroupSchema is the Group resource (RFC 7643 §4.2).
var GroupSchema = Schema{
	URN:  GroupURN,
	Name: "Group",
	Attrs: append(idAttrs(),
		Attr{Name: "displayName", Required: true, Uniqueness: "server"},
		Attr{Name: "members", Type: Complex, Multi: true, KeyedBy: "value", Sub: []Attr{
			{Name: "value", Mutability: Immutable},
			{Name: "$ref", Type: Reference, ReferenceTypes: []string{"User", "Group"}, Mutability: Immutable},
			{Name: "display"},
			{Name: "type", Mutability: Immutable},
		}},
	),
}
