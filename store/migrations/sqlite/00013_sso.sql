-- +goose Up
-- A tenant's OpenID Connect connection (issue 13): one per tenant. The client
-- secret is sealed (AES-GCM under the console's secret key) before it gets here.
CREATE TABLE sso_connections (
    tenant_id       INTEGER PRIMARY KEY REFERENCES tenants(id),
    display_name    TEXT    NOT NULL,
    issuer          TEXT    NOT NULL,
    client_id       TEXT    NOT NULL,
    client_secret   TEXT    NOT NULL DEFAULT '',
    scopes          TEXT    NOT NULL DEFAULT 'openid email profile',
    claim           TEXT    NOT NULL DEFAULT 'email',
    create_accounts INTEGER NOT NULL DEFAULT 0,
    enabled         INTEGER NOT NULL DEFAULT 1,
    updated_at      BIGINT  NOT NULL
);
-- An email domain routes to one connection, whichever tenant claimed it first.
CREATE TABLE sso_domains (
    domain    TEXT    PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES sso_connections(tenant_id) ON DELETE CASCADE
);
CREATE INDEX sso_domains_tenant ON sso_domains (tenant_id, domain);
-- A sign-in under way at a provider: the pre-session half of the dance. Found
-- by the hash of its state, bound to the browser's pre-session cookie, used
-- once; nonce and PKCE verifier never leave the server.
CREATE TABLE sso_attempts (
    state_hash   TEXT    PRIMARY KEY,
    visitor_hash TEXT    NOT NULL,
    tenant_id    INTEGER NOT NULL,
    nonce        TEXT    NOT NULL,
    verifier     TEXT    NOT NULL,
    next         TEXT    NOT NULL DEFAULT '/',
    created_at   BIGINT  NOT NULL
);
CREATE INDEX sso_attempts_created ON sso_attempts (created_at);
-- The identity an SSO account is bound to at its first sign-in.
ALTER TABLE accounts ADD COLUMN sso_issuer TEXT;
ALTER TABLE accounts ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX accounts_sso ON accounts (tenant_id, sso_issuer, sso_subject) WHERE sso_subject IS NOT NULL;

-- +goose Down
DROP INDEX accounts_sso;
ALTER TABLE accounts DROP COLUMN sso_subject;
ALTER TABLE accounts DROP COLUMN sso_issuer;
DROP TABLE sso_attempts;
DROP TABLE sso_domains;
DROP TABLE sso_connections;
