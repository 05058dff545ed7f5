-- +goose Up
-- A membership keeps its person's last activity, as it keeps the other
-- listing columns, so the users table sorted by last activity walks the
-- tenant's members in index order as it walks its home people.
ALTER TABLE tenant_members ADD COLUMN last_active_at BIGINT NOT NULL DEFAULT 0;
UPDATE tenant_members SET last_active_at = (SELECT a.last_active_at FROM accounts a WHERE a.id = tenant_members.account_id);
-- A member's Admin type stays home (issue 12): in the tenant it is a member
-- of, the filters and the table see the type it acts with there.
UPDATE tenant_members SET user_type = 'standard' WHERE user_type = 'admin';
UPDATE account_terms SET user_type = 'standard' WHERE user_type = 'admin'
    AND tenant_id <> (SELECT a.tenant_id FROM accounts a WHERE a.id = account_terms.account_id);
CREATE INDEX tenant_members_by_active ON tenant_members (tenant_id, last_active_at, account_id, kind, status, user_type);

-- +goose Down
DROP INDEX tenant_members_by_active;
ALTER TABLE tenant_members DROP COLUMN last_active_at;
