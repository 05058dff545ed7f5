package patch

// Schema URNs of RFC 7643.
const (
	UserURN           = "urn:ietf:params:scim:schemas:core:2.0:User"
	GroupURN          = "urn:ietf:params:scim:schemas:core:2.0:Group"
	EnterpriseUserURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
)

func str(name string) Attr { return Attr{Name: name} }

func ref(name string, types ...string) Attr {
	return Attr{Name: name, Type: Reference, ReferenceTypes: types}
}

// idAttrs are the common attributes of RFC 7643 §3.1 that a schema lists.
func idAttrs() []Attr {
	return []Attr{
		{Name: "id", CaseExact: true, Mutability: ReadOnly, Returned: "always", Uniqueness: "server"},
		{Name: "externalId", CaseExact: true},
		{Name: "meta", Type: Complex, Mutability: ReadOnly, Sub: []Attr{
			{Name: "resourceType", CaseExact: true, Mutability: ReadOnly},
			{Name: "created", Type: DateTime, Mutability: ReadOnly},
			{Name: "lastModified", Type: DateTime, Mutability: ReadOnly},
			{Name: "location", Type: Reference, ReferenceTypes: []string{"uri"}, Mutability: ReadOnly},
			{Name: "version", CaseExact: true, Mutability: ReadOnly},
		}},
	}
}

// multi is a multi-valued complex attribute with the usual value, display,
// type and primary sub-attributes (RFC 7643 §2.4), plus extra.
func multi(name string, value Attr, extra ...Attr) Attr {
	sub := []Attr{value, str("display"), str("type"), {Name: "primary", Type: Boolean}}
	return Attr{Name: name, Type: Complex, Multi: true, Sub: append(sub, extra...)}
}

// UserSchema is the User resource (RFC 7643 §4.1) with the enterprise extension.
var UserSchema = Schema{
	URN:  UserURN,
	Name: "User",
	Attrs: append(idAttrs(),
		Attr{Name: "userName", Required: true, Uniqueness: "server"},
		Attr{Name: "name", Type: Complex, Sub: []Attr{
			str("formatted"), str("familyName"), str("givenName"), str("middleName"),
			str("honorificPrefix"), str("honorificSuffix"),
		}},
		str("displayName"), str("nickName"), ref("profileUrl", "external"),
		str("title"), str("userType"), str("preferredLanguage"), str("locale"), str("timezone"),
		Attr{Name: "active", Type: Boolean},
		Attr{Name: "password", Mutability: WriteOnly, Returned: "never"},
		multi("emails", str("value")),
		multi("phoneNumbers", str("value")),
		multi("ims", str("value")),
		multi("photos", ref("value", "external")),
		Attr{Name: "addresses", Type: Complex, Multi: true, Sub: []Attr{
			str("formatted"), str("streetAddress"), str("locality"), str("region"),
			str("postalCode"), str("country"), str("type"), {Name: "primary", Type: Boolean},
		}},
		Attr{Name: "groups", Type: Complex, Multi: true, Mutability: ReadOnly, Sub: []Attr{
			{Name: "value", Mutability: ReadOnly},
			{Name: "$ref", Type: Reference, ReferenceTypes: []string{"User", "Group"}, Mutability: ReadOnly},
			{Name: "display", Mutability: ReadOnly},
			{Name: "type", Mutability: ReadOnly},
		}},
		multi("entitlements", str("value")),
		multi("roles", str("value")),
		multi("x509Certificates", Attr{Name: "value", Type: Binary}),
	),
	Extensions: []Schema{EnterpriseUser},
}

// EnterpriseUser is the enterprise User extension (RFC 7643 §4.3).
var EnterpriseUser = Schema{
	URN:  EnterpriseUserURN,
	Name: "EnterpriseUser",
	Attrs: []Attr{
		str("employeeNumber"), str("costCenter"), str("organization"), str("division"), str("department"),
		{Name: "manager", Type: Complex, Sub: []Attr{
			str("value"),
			ref("$ref", "User"),
			{Name: "displayName", Mutability: ReadOnly},
		}},
	},
}
