-- +goose Up
-- The column mapping a tenant's administrators last used to import people
-- (issue 17): a JSON object from field name to the file's header, offered
-- again on the next import of a file with those headers.
CREATE TABLE import_mappings (
    tenant_id  BIGINT PRIMARY KEY REFERENCES tenants(id),
    mapping    TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

-- An uploaded import file between its upload, its preview and its apply:
-- the preview and the apply read the same bytes (sha256 names them), and
-- a job may read them later. Kept a day.
CREATE TABLE import_files (
    key        TEXT COLLATE "C"   PRIMARY KEY,
    tenant_id  BIGINT  NOT NULL REFERENCES tenants(id),
    account_id BIGINT  NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    sha256     TEXT    NOT NULL,
    content    BYTEA    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX import_files_created ON import_files (created_at);

-- What an item of an import job applies: the row's planned values (JSON);
-- '' for the other jobs, whose item is the account alone.
ALTER TABLE job_items ADD COLUMN payload TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE job_items DROP COLUMN payload;
DROP TABLE import_files;
DROP TABLE import_mappings;
