-- +goose Up
-- The tenant tree (issue 12): a tenant can be deactivated (its people cannot
-- sign in and its keys stop, nothing is deleted), and has the time zone and
-- currency of the people who chose none.
ALTER TABLE tenants ADD COLUMN status TEXT COLLATE "C" NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated'));
-- blocked: deactivated, or below a deactivated tenant; kept for the subtree
-- on every change of status, so a sign-in or a key reads one column.
ALTER TABLE tenants ADD COLUMN blocked BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN time_zone TEXT COLLATE "C" NOT NULL DEFAULT 'UTC';
ALTER TABLE tenants ADD COLUMN currency TEXT COLLATE "C" NOT NULL DEFAULT 'USD';
CREATE INDEX tenants_parent ON tenants (parent_id, name);

-- A person of an ancestor tenant pushed down to act in a descendant, or a
-- service provider's user managing a customer: their roles there are
-- account_roles rows of that tenant. The listing columns repeat the
-- account's, as account_terms does, so the users table of a tenant walks its
-- members in index order as it walks its home people.
CREATE TABLE tenant_members (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind       TEXT COLLATE "C"    NOT NULL,
    sort_name  TEXT COLLATE "C"    NOT NULL,
    email      TEXT COLLATE "C",
    created_at BIGINT  NOT NULL,
    status     TEXT COLLATE "C"    NOT NULL,
    user_type  TEXT COLLATE "C"    NOT NULL,
    added_at   BIGINT  NOT NULL,
    used_at    BIGINT  NOT NULL DEFAULT 0, -- last acted in, for the switcher's recent-first order
    PRIMARY KEY (tenant_id, account_id)
);
CREATE INDEX tenant_members_account ON tenant_members (account_id, used_at);
CREATE INDEX tenant_members_by_name ON tenant_members (tenant_id, sort_name, account_id, kind, status, user_type);
CREATE INDEX tenant_members_by_email ON tenant_members (tenant_id, email NULLS FIRST, account_id, kind, status, user_type);
CREATE INDEX tenant_members_by_created ON tenant_members (tenant_id, created_at, account_id, kind, status, user_type);

-- When the account last acted in its home tenant, beside the members' used_at.
ALTER TABLE accounts ADD COLUMN home_used_at BIGINT NOT NULL DEFAULT 0;

-- The actor's home tenant, beside the tenant acted in.
ALTER TABLE audit_events ADD COLUMN actor_tenant_id BIGINT;

-- +goose Down
ALTER TABLE audit_events DROP COLUMN actor_tenant_id;
ALTER TABLE accounts DROP COLUMN home_used_at;
DROP TABLE tenant_members;
DROP INDEX tenants_parent;
ALTER TABLE tenants DROP COLUMN currency;
ALTER TABLE tenants DROP COLUMN time_zone;
ALTER TABLE tenants DROP COLUMN blocked;
ALTER TABLE tenants DROP COLUMN status;
