-- +goose Up
-- Expiry of an account, a direct role and a group membership: unix seconds,
-- 0 never. Authorization ignores what has expired at check time, so nothing
-- depends on a sweeper having run.
ALTER TABLE accounts ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE account_roles ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE group_members ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE group_members DROP COLUMN expires_at;
ALTER TABLE account_roles DROP COLUMN expires_at;
ALTER TABLE accounts DROP COLUMN expires_at;
