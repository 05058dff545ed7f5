-- +goose Up
-- An account's avatar, already decoded, scaled and re-encoded as PNG by the
-- web layer. The URL names the random key, never the account id, and the key
-- changes on every upload so a cached old picture is never shown.
CREATE TABLE avatars (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    tenant_id  INTEGER NOT NULL REFERENCES tenants(id),
    key        TEXT    NOT NULL,
    png        BLOB    NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE UNIQUE INDEX avatars_key ON avatars (tenant_id, key);

-- +goose Down
DROP TABLE avatars;
