-- +goose Up
CREATE TABLE tenants (
    id                INTEGER PRIMARY KEY,
    parent_id         INTEGER REFERENCES tenants(id),
    root_id           INTEGER NOT NULL,
    name              TEXT    NOT NULL,
    slug              TEXT    NOT NULL UNIQUE,
    self_registration INTEGER NOT NULL DEFAULT 0,
    provisioning      TEXT    NOT NULL DEFAULT 'console',
    created_at        BIGINT  NOT NULL
);

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    tenant_id            INTEGER NOT NULL REFERENCES tenants(id),
    root_id              INTEGER NOT NULL,
    kind                 TEXT    NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'service')),
    login                TEXT    NOT NULL,
    first_name           TEXT    NOT NULL,
    last_name            TEXT    NOT NULL,
    sort_name            TEXT    NOT NULL,
    email                TEXT,
    language             TEXT    NOT NULL DEFAULT 'browser',
    time_zone            TEXT    NOT NULL DEFAULT 'UTC',
    currency             TEXT    NOT NULL DEFAULT 'USD',
    status               TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'deactivated')),
    auth_method          TEXT    NOT NULL CHECK (auth_method IN ('password', 'sso')),
    password_hash        TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    user_type            TEXT    NOT NULL CHECK (user_type IN ('admin', 'standard', 'read_only')),
    external_id          TEXT,
    last_active_at       BIGINT  NOT NULL DEFAULT 0, -- 0: never
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL
);
-- Login is unique in its tenant; email in the whole tenant tree (a tenant and its
-- descendants share one root), which the database enforces without a race.
CREATE UNIQUE INDEX accounts_login ON accounts (tenant_id, login);
CREATE UNIQUE INDEX accounts_email ON accounts (root_id, email);
-- One index per sort of the users table; each also holds the filtered
-- columns, so walking it to fill a page reads no account row it then skips.
CREATE INDEX accounts_by_name ON accounts (tenant_id, sort_name, id, kind, status, user_type);
CREATE INDEX accounts_by_email ON accounts (tenant_id, email, id, kind, status, user_type);
CREATE INDEX accounts_by_active ON accounts (tenant_id, last_active_at, id, kind, status, user_type);
CREATE INDEX accounts_by_created ON accounts (tenant_id, created_at, id, kind, status, user_type);

-- Lower-cased, accent-folded words of an account's name, login and email, so a
-- search is an index range scan instead of a scan of every account. Each row
-- repeats the account's sort keys and filtered columns: a search filters,
-- sorts and pages on these rows alone and reads only one page of accounts.
CREATE TABLE account_terms (
    tenant_id  INTEGER NOT NULL,
    term       TEXT    NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    sort_name  TEXT    NOT NULL,
    email      TEXT,
    created_at BIGINT  NOT NULL,
    status     TEXT    NOT NULL,
    user_type  TEXT    NOT NULL,
    has_role   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, term, account_id)
) WITHOUT ROWID;
CREATE INDEX account_terms_account ON account_terms (account_id);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    builtin_key TEXT,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    created_at  BIGINT  NOT NULL
);
CREATE UNIQUE INDEX roles_builtin ON roles (tenant_id, builtin_key);

CREATE TABLE role_permissions (
    role_id    INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE account_roles (
    tenant_id  INTEGER NOT NULL REFERENCES tenants(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role_id    INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, tenant_id, role_id)
);
CREATE INDEX account_roles_role ON account_roles (tenant_id, role_id, account_id);

CREATE TABLE sessions (
    id_hash      TEXT    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    data         TEXT    NOT NULL DEFAULT '{}',
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER REFERENCES tenants(id),
    at          BIGINT  NOT NULL,
    actor_id    INTEGER,
    ip          TEXT    NOT NULL DEFAULT '',
    action      TEXT    NOT NULL,
    target_type TEXT    NOT NULL DEFAULT '',
    target_id   INTEGER,
    details     TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_tenant ON audit_events (tenant_id, id);
CREATE INDEX audit_by_target ON audit_events (tenant_id, target_type, target_id, id);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE sessions;
DROP TABLE account_roles;
DROP TABLE role_permissions;
DROP TABLE roles;
DROP TABLE account_terms;
DROP TABLE accounts;
DROP TABLE tenants;
