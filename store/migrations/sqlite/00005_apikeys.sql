-- +goose Up
-- API keys: the caller sends <prefix>_<public_id>_<secret>; only the SHA-256 of
-- the secret is kept. A key belongs to an account and acts with its permissions.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    tenant_id    INTEGER NOT NULL REFERENCES tenants(id),
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    public_id    TEXT    NOT NULL UNIQUE,
    secret_hash  TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    created_by   INTEGER,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL DEFAULT 0, -- 0: never
    last_used_at BIGINT  NOT NULL DEFAULT 0, -- 0: never
    revoked_at   BIGINT  NOT NULL DEFAULT 0  -- 0: not revoked
);
CREATE INDEX api_keys_account ON api_keys (tenant_id, account_id, id);

-- What a service account is for; people have no description.
ALTER TABLE accounts ADD COLUMN description TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE accounts DROP COLUMN description;
DROP TABLE api_keys;
