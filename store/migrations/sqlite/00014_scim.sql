-- +goose Up
-- External provisioning (issue 14): an identity provider keeps the tenant's
-- people and groups in sync over SCIM 2.0 with bearer tokens of the tenant.
-- Only the SHA-256 of a token's secret is kept, as for API keys.
CREATE TABLE scim_tokens (
    id           INTEGER PRIMARY KEY,
    tenant_id    INTEGER NOT NULL REFERENCES tenants(id),
    public_id    TEXT    NOT NULL UNIQUE,
    secret_hash  TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    created_by   INTEGER,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT  NOT NULL DEFAULT 0, -- 0: never
    revoked_at   BIGINT  NOT NULL DEFAULT 0  -- 0: not revoked
);
CREATE INDEX scim_tokens_tenant ON scim_tokens (tenant_id, id);
-- DELETE from the provider: 0 deactivates the person, 1 deletes them.
ALTER TABLE tenants ADD COLUMN scim_delete INTEGER NOT NULL DEFAULT 0;
-- A person or group the provider created or claimed (wrote to once): while
-- the tenant is in external mode, the console and the API leave it alone.
ALTER TABLE accounts ADD COLUMN scim_managed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_groups ADD COLUMN scim_managed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_groups ADD COLUMN external_id TEXT;
ALTER TABLE user_groups ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
-- A provider looks people up by userName (case-insensitive) and externalId
-- before every write: both are index lookups whatever the tenant's size.
-- login_key is the login case-folded (Unicode, in Go: store.LoginKey); the
-- backfill folds ASCII, and Open folds the rest once (foldLoginKeys).
ALTER TABLE accounts ADD COLUMN login_key TEXT NOT NULL DEFAULT '';
UPDATE accounts SET login_key = lower(login);
CREATE INDEX accounts_login_key ON accounts (tenant_id, login_key);
CREATE INDEX accounts_external ON accounts (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX user_groups_external ON user_groups (tenant_id, external_id) WHERE external_id IS NOT NULL;
-- The last-manager check, run by every status change, starts from the
-- tenant's Admins, whatever the number of its other people.
CREATE INDEX accounts_admins ON accounts (tenant_id) WHERE user_type = 'admin';

-- +goose Down
DROP INDEX accounts_admins;
DROP INDEX user_groups_external;
DROP INDEX accounts_external;
DROP INDEX accounts_login_key;
ALTER TABLE accounts DROP COLUMN login_key;
ALTER TABLE user_groups DROP COLUMN updated_at;
ALTER TABLE user_groups DROP COLUMN external_id;
ALTER TABLE user_groups DROP COLUMN scim_managed;
ALTER TABLE accounts DROP COLUMN scim_managed;
ALTER TABLE tenants DROP COLUMN scim_delete;
DROP TABLE scim_tokens;
