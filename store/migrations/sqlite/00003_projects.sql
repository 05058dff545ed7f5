-- +goose Up
CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL
);
CREATE UNIQUE INDEX projects_name ON projects (tenant_id, name_key);

-- People added one by one; team = 1 makes the person a team of one.
CREATE TABLE project_users (
    tenant_id  INTEGER NOT NULL REFERENCES tenants(id),
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    access     TEXT    NOT NULL CHECK (access IN ('read', 'write')),
    team       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, account_id)
);
CREATE INDEX project_users_account ON project_users (account_id, project_id);

-- Groups added as teams: every member is on that team.
CREATE TABLE project_teams (
    tenant_id  INTEGER NOT NULL REFERENCES tenants(id),
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES user_groups(id),
    access     TEXT    NOT NULL CHECK (access IN ('read', 'write')),
    PRIMARY KEY (project_id, group_id)
);
CREATE INDEX project_teams_group ON project_teams (group_id, project_id);

-- +goose Down
DROP TABLE project_teams;
DROP TABLE project_users;
DROP TABLE projects;
