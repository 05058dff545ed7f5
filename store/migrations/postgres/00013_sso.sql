-- +goose Up
-- A tenant's OpenID Connect connection (issue 13): one per tenant. The client
-- secret is sealed (AES-GCM under the console's secret key) before it gets here.
CREATE TABLE sso_connections (
    tenant_id       BIGINT PRIMARY KEY REFERENCES tenants(id),
    display_name    TEXT COLLATE "C"    NOT NULL,
    issuer          TEXT COLLATE "C"    NOT NULL,
    client_id       TEXT COLLATE "C"    NOT NULL,
    client_secret   TEXT COLLATE "C"    NOT NULL DEFAULT '',
    scopes          TEXT COLLATE "C"    NOT NULL DEFAULT 'openid email profile',
    claim           TEXT COLLATE "C"    NOT NULL DEFAULT 'email',
    create_accounts BIGINT NOT NULL DEFAULT 0,
    enabled         BIGINT NOT NULL DEFAULT 1,
    updated_at      BIGINT  NOT NULL
);
-- An email domain routes to one connection, whichever tenant claimed it first.
CREATE TABLE sso_domains (
    domain    TEXT COLLATE "C"    PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES sso_connections(tenant_id) ON DELETE CASCADE
);
CREATE INDEX sso_domains_tenant ON sso_domains (tenant_id, domain);
-- A sign-in under way at a provider: the pre-session half of the dance. Found
-- by the hash of its state, bound to the browser's pre-session cookie, used
-- once; nonce and PKCE verifier never leave the server.
CREATE TABLE sso_attempts (
    state_hash   TEXT COLLATE "C"    PRIMARY KEY,
    visitor_hash TEXT COLLATE "C"    NOT NULL,
    tenant_id    BIGINT NOT NULL,
    nonce        TEXT COLLATE "C"    NOT NULL,
    verifier     TEXT COLLATE "C"    NOT NULL,
    next         TEXT COLLATE "C"    NOT NULL DEFAULT '/',
    created_at   BIGINT  NOT NULL
);
CREATE INDEX sso_attempts_created ON sso_attempts (created_at);
-- The identity an SSO account is bound to at its first sign-in.
ALTER TABLE accounts ADD COLUMN sso_issuer TEXT COLLATE "C";
ALTER TABLE accounts ADD COLUMN sso_subject TEXT COLLATE "C";
CREATE UNIQUE INDEX accounts_sso ON accounts (tenant_id, sso_issuer, sso_subject) WHERE sso_subject IS NOT NULL;

-- +goose Down
DROP INDEX accounts_sso;
ALTER TABLE accounts DROP COLUMN sso_subject;
ALTER TABLE accounts DROP COLUMN sso_issuer;
DROP TABLE sso_attempts;
DROP TABLE sso_domains;
DROP TABLE sso_connections;
