package scim

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/web/scim/patch"
)

// Schema and ResourceType URNs of RFC 7643.
const (
	spcURN          = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
	resourceTypeURN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
	schemaURN       = "urn:ietf:params:scim:schemas:core:2.0:Schema"
)

// serviceProviderConfig is GET /ServiceProviderConfig (RFC 7643 §5).
func (s *Server) serviceProviderConfig(c echo.Context) error {
	off := func(note string) map[string]any { return map[string]any{"supported": false, "description": note} }
	return writeJSON(c, http.StatusOK, map[string]any{
		"schemas":        []string{spcURN},
		"patch":          map[string]any{"supported": true},
		"bulk":           map[string]any{"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
		"filter":         map[string]any{"supported": true, "maxResults": MaxCount},
		"changePassword": off("Passwords are not synchronised: provisioned people sign in through single sign-on."),
		"sort":           off("Lists are in id order."),
		"etag":           off("No ETags: a PUT or PATCH applies to the resource as stored."),
		"authenticationSchemes": []any{map[string]any{
			"type": "oauthbearertoken", "name": "Bearer token", "primary": true,
			"description": "A SCIM token of the tenant (Settings → Provisioning) in the header Authorization: Bearer cst_...",
		}},
		"meta": map[string]any{"resourceType": "ServiceProviderConfig", "location": s.baseURL + Base + "/ServiceProviderConfig"},
	})
}

func (s *Server) resourceTypeOf(name string) map[string]any {
	urn, endpoint, desc := patch.UserURN, "/Users", "The tenant's people (accounts of kind user whose home is the tenant)."
	if name == "Group" {
		urn, endpoint, desc = patch.GroupURN, "/Groups", "The tenant's groups; members are people."
	}
	return map[string]any{
		"schemas": []string{resourceTypeURN}, "id": name, "name": name, "endpoint": endpoint,
		"description": desc, "schema": urn, "schemaExtensions": []any{},
		"meta": map[string]any{"resourceType": "ResourceType", "location": s.baseURL + Base + "/ResourceTypes/" + name},
	}
}

// resourceTypes is GET /ResourceTypes.
func (s *Server) resourceTypes(c echo.Context) error {
	return writeJSON(c, http.StatusOK, listResponse(2, 1, []map[string]any{s.resourceTypeOf("User"), s.resourceTypeOf("Group")}))
}

// resourceType is GET /ResourceTypes/{User|Group}.
func (s *Server) resourceType(c echo.Context) error {
	switch name := c.Param("name"); {
	case strings.EqualFold(name, "User"):
		return writeJSON(c, http.StatusOK, s.resourceTypeOf("User"))
	case strings.EqualFold(name, "Group"):
		return writeJSON(c, http.StatusOK, s.resourceTypeOf("Group"))
	}
	return errNotFound
}

// schemas is GET /Schemas.
func (s *Server) schemas(c echo.Context) error {
	return writeJSON(c, http.StatusOK, listResponse(2, 1, []map[string]any{s.schemaOf(patch.UserURN), s.schemaOf(patch.GroupURN)}))
}

// schema is GET /Schemas/{urn}.
func (s *Server) schema(c echo.Context) error {
	urn := c.Param("urn")
	for _, u := range []string{patch.UserURN, patch.GroupURN} {
		if strings.EqualFold(urn, u) {
			return writeJSON(c, http.StatusOK, s.schemaOf(u))
		}
	}
	return errNotFound
}

// kept are the attributes the console stores and returns, with what each
// means here; the rest of RFC 7643's User and Group are accepted and ignored.
var kept = map[string]map[string]string{
	patch.UserURN: {
		"id": "The account's id, a decimal number.", "externalId": "The provider's id of the person, case-exact, filterable.",
		"meta": "Resource metadata.", "meta.resourceType": "User.", "meta.created": "When the account was made.",
		"meta.lastModified": "When the account last changed.", "meta.location": "The resource's URL.",
		"userName": "The login: unique in the tenant in any case, immutable once made.",
		"name":     "The person's name.", "name.givenName": "First name, up to 100 characters.",
		"name.familyName": "Last name, up to 100 characters.", "name.formatted": "First and last name, computed (ignored on input).",
		"displayName":       "First and last name, computed (ignored on input).",
		"preferredLanguage": "en or fr; another language means the browser's (locale is accepted too).",
		"locale":            "Accepted on input like preferredLanguage; not returned.",
		"timezone":          "An IANA time zone.", "active": "true when the account is active; false when deactivated or a sign-up not confirmed.",
		"password":     "Accepted and ignored: people sign in through single sign-on.",
		"emails":       "One email, of type work and primary, stored lower-case and unique in the tenant tree; on input the primary one, else the work one, else the first.",
		"emails.value": "The address.", "emails.type": "Always work.", "emails.primary": "Always true.",
		"groups": "The groups the person is in (read-only; change them through Groups).", "groups.value": "The group's id.",
		"groups.$ref": "The group's URL.", "groups.display": "The group's name.", "groups.type": "Always direct.",
	},
	patch.GroupURN: {
		"id": "The group's id, a decimal number.", "externalId": "The provider's id of the group, case-exact, filterable.",
		"meta": "Resource metadata.", "meta.resourceType": "Group.", "meta.created": "When the group was made.",
		"meta.lastModified": "When the provider last changed it.", "meta.location": "The resource's URL.",
		"displayName": "The group's name, 1 to 100 characters, unique in the tenant in any case.",
		"members":     "The people in the group (no nested groups).", "members.value": "The person's id.",
		"members.$ref": "The person's URL.", "members.display": "The person's name (ignored on input).", "members.type": "Always User.",
	},
}

// schemaOf is the /Schemas resource of urn, built from patch's schema cut
// to what is kept.
func (s *Server) schemaOf(urn string) map[string]any {
	src, desc := patch.UserSchema, "A person of the tenant: only the attributes listed are stored and returned."
	if urn == patch.GroupURN {
		src, desc = patch.GroupSchema, "A group of the tenant's people."
	}
	return map[string]any{
		"schemas": []string{schemaURN}, "id": urn, "name": src.Name, "description": desc,
		"attributes": attrsOf(src.Attrs, "", kept[urn]),
		"meta":       map[string]any{"resourceType": "Schema", "location": s.baseURL + Base + "/Schemas/" + urn},
	}
}

func attrsOf(attrs []patch.Attr, prefix string, keep map[string]string) []any {
	out := []any{}
	for _, a := range attrs {
		d, ok := keep[prefix+a.Name]
		if !ok {
			continue
		}
		m := map[string]any{
			"name": a.Name, "type": a.Type.String(), "multiValued": a.Multi, "description": d,
			"required": a.Required, "caseExact": a.CaseExact, "mutability": or(a.Mutability, patch.ReadWrite),
			"returned": or(a.Returned, "default"), "uniqueness": or(a.Uniqueness, "none"),
		}
		if len(a.ReferenceTypes) > 0 {
			m["referenceTypes"] = a.ReferenceTypes
		}
		if len(a.Sub) > 0 {
			m["subAttributes"] = attrsOf(a.Sub, prefix+a.Name+".", keep)
		}
		out = append(out, m)
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
