-- +goose Up
-- A second address for notifications, possibly outside the tenant's domain;
-- nothing is sent there until it is verified.
ALTER TABLE accounts ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN contact_verified_at BIGINT NOT NULL DEFAULT 0;
-- How the account came to be: console (made by an administrator), invitation,
-- registration (self-registered; waits for roles unless defaults apply).
ALTER TABLE accounts ADD COLUMN origin TEXT NOT NULL DEFAULT 'console';

ALTER TABLE tenants ADD COLUMN invite_days INTEGER NOT NULL DEFAULT 7;

-- Roles a self-registered person gets once their email is verified.
CREATE TABLE tenant_default_roles (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    role_id   INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (tenant_id, role_id)
) WITHOUT ROWID;

-- One-time links: invitation/activation, password reset, email and contact
-- verification. Only the SHA-256 of the token is kept; a link is used once.
CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL CHECK (purpose IN ('invite', 'reset', 'verify', 'contact')),
    hash        TEXT    NOT NULL UNIQUE,
    data        TEXT    NOT NULL DEFAULT '',
    created_by  INTEGER,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX tokens_account ON tokens (account_id, purpose);
CREATE INDEX tokens_open ON tokens (tenant_id, purpose, expires_at) WHERE used_at = 0;

-- Every email is a row first, written with the change that caused it; a worker
-- delivers it (status queued → sent, or failed after its last attempt).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    kind            TEXT    NOT NULL,
    to_addr         TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX outbox_tenant ON outbox (tenant_id, id);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'queued';

-- +goose Down
DROP TABLE outbox;
DROP TABLE tokens;
DROP TABLE tenant_default_roles;
ALTER TABLE tenants DROP COLUMN invite_days;
ALTER TABLE accounts DROP COLUMN origin;
ALTER TABLE accounts DROP COLUMN contact_verified_at;
ALTER TABLE accounts DROP COLUMN contact_email;
