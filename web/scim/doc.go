// Package scim is the console's SCIM 2.0 service provider (RFC 7643, RFC
// 7644) under /scim/v2: the tenant's identity provider (Entra ID, Okta,
// OneLogin, JumpCloud, authentik, Keycloak's SCIM plugins) keeps the
// tenant's people and groups in sync with a bearer SCIM token.
//
// Every change goes through ops (ops.Provider is the principal, the token
// marks the audit events); reads go through the store. Filters become SQL
// through web/scim/filter's whitelist; PATCH is web/scim/patch applied to
// the resource as a generic map, read back and saved whole.
//
// Decisions where the RFC and the issue are silent:
//   - A token whose tenant is back in console mode gets 403 (detail: SCIM
//     provisioning is off); an unknown, wrong or revoked token, or a token of
//     a deactivated tenant, gets 401.
//   - A pending (unconfirmed) sign-up reads active=false.
//   - active absent from a POST or PUT means true.
//   - No ETags, no bulk, no sort, no /Me, no password sync (password is
//     accepted and ignored), no POST /.search.
package scim
