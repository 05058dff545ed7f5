// Package patch applies SCIM 2.0 PATCH operations (RFC 7644 §3.5.2) to a
// resource held as a generic JSON map, and normalises the resources clients
// send in POST and PUT bodies (Coerce). It knows nothing of storage: the SCIM
// server reads its stored resource into a map, applies the operations, and
// reads the map back into its own types.
//
// A resource map holds what encoding/json decodes (map[string]any, []any,
// string, bool, json.Number or float64). Core attributes sit at the top level
// under the schema's spelling; an extension's attributes sit in a map under
// the extension's URN.
//
// Decisions where RFC 7644 is silent or where real clients disagree with it:
//   - Operation names are case-insensitive ("Add", "REPLACE").
//   - Inside a value (pathless add/replace, Coerce), read-only attributes
//     (id, meta, schemas, groups) and unknown attributes are dropped; an
//     explicit path to a read-only attribute is 400 mutability and to an
//     unknown one 400 invalidPath.
//   - null, as a value or a sub-attribute, removes the attribute.
//   - Replacing or adding through a filter that matches nothing creates the
//     element when the filter is made of "eq" terms joined by "and" (Entra
//     ID's emails[type eq "work"].value); otherwise it is 400 noTarget.
//   - Removing through a filter (or a value list) that matches nothing
//     succeeds: Entra ID removes already-removed members and expects success.
//   - attr.sub on a multi-valued attribute without a filter: add and replace
//     set it on the primary element (else the first; else a new one); remove
//     removes it from every element.
//   - A complex attribute with a "value" sub-attribute accepts a bare value
//     as {"value": ...} (Entra ID sends manager as a plain id); a single
//     object for a multi-valued attribute is a one-element list, and a
//     one-element list for a single-valued attribute is its element.
//   - Setting "primary" true on one element turns it off on the others.
//   - More than MaxOperations operations is 413, like a bulk request over
//     its limit (RFC 7644 §3.7.4).
package patch
