-- +goose Up
-- Role names are unique in a tenant ignoring case; name_key is the folded name.
ALTER TABLE roles ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE roles SET name_key = lower(name);
CREATE UNIQUE INDEX roles_name ON roles (tenant_id, name_key);
ALTER TABLE roles ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

-- A tenant's product modules; a role grants one with the permission module:<key>.
CREATE TABLE modules (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    key         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    created_at  BIGINT  NOT NULL
);
CREATE UNIQUE INDEX modules_key ON modules (tenant_id, key);

CREATE TABLE user_groups (
    id           INTEGER PRIMARY KEY,
    tenant_id    INTEGER NOT NULL REFERENCES tenants(id),
    name         TEXT    NOT NULL,
    name_key     TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    member_count INTEGER NOT NULL DEFAULT 0,
    created_at   BIGINT  NOT NULL
);
CREATE UNIQUE INDEX user_groups_name ON user_groups (tenant_id, name_key);

CREATE TABLE group_members (
    tenant_id  INTEGER NOT NULL REFERENCES tenants(id),
    group_id   INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    sort_name  TEXT    NOT NULL, -- the member's, so a group's members page by name
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX group_members_account ON group_members (account_id, group_id);
CREATE INDEX group_members_by_name ON group_members (group_id, sort_name, account_id);

CREATE TABLE group_roles (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    group_id  INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    role_id   INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, role_id)
);
CREATE INDEX group_roles_role ON group_roles (role_id, group_id);

-- +goose Down
DROP TABLE group_roles;
DROP TABLE group_members;
DROP TABLE user_groups;
DROP TABLE modules;
DROP INDEX roles_name;
ALTER TABLE roles DROP COLUMN updated_at;
ALTER TABLE roles DROP COLUMN name_key;
