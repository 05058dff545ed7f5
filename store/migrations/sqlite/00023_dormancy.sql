-- +goose Up
-- Dormancy policy per tenant (off by default): warn after warn_days without
-- activity, deactivate after deactivate_days; exemptions; how people managed
-- by the identity provider are treated; how many days before an expiry the
-- reminder goes.
ALTER TABLE tenants ADD COLUMN dormancy_on INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN dormancy_warn_days INTEGER NOT NULL DEFAULT 60;
ALTER TABLE tenants ADD COLUMN dormancy_deactivate_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE tenants ADD COLUMN dormancy_exempt_admins INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tenants ADD COLUMN dormancy_exempt_services INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tenants ADD COLUMN dormancy_managed_deactivate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN expiry_notice_days INTEGER NOT NULL DEFAULT 7;
-- Per account: chosen exemption; when the warning went and when a dormancy
-- was reported (both count for the period since the last activity); which
-- expiry (its expires_at) was recorded and which was reminded of.
ALTER TABLE accounts ADD COLUMN dormancy_exempt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN dormancy_warned_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN dormancy_noted_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN expiry_noted BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN expiry_reminded BIGINT NOT NULL DEFAULT 0;
ALTER TABLE account_roles ADD COLUMN expiry_reminded BIGINT NOT NULL DEFAULT 0;
ALTER TABLE group_members ADD COLUMN expiry_reminded BIGINT NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN expiry_noted BIGINT NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN expiry_reminded BIGINT NOT NULL DEFAULT 0;
-- The sweeper reads what ends soon or has ended; most grants never end.
CREATE INDEX accounts_expiring ON accounts (tenant_id, expires_at) WHERE expires_at <> 0;
CREATE INDEX account_roles_expiring ON account_roles (tenant_id, expires_at) WHERE expires_at <> 0;
CREATE INDEX group_members_expiring ON group_members (tenant_id, expires_at) WHERE expires_at <> 0;
CREATE INDEX api_keys_expiring ON api_keys (tenant_id, expires_at) WHERE expires_at <> 0;

-- +goose Down
DROP INDEX api_keys_expiring;
DROP INDEX group_members_expiring;
DROP INDEX account_roles_expiring;
DROP INDEX accounts_expiring;
ALTER TABLE api_keys DROP COLUMN expiry_reminded;
ALTER TABLE api_keys DROP COLUMN expiry_noted;
ALTER TABLE group_members DROP COLUMN expiry_reminded;
ALTER TABLE account_roles DROP COLUMN expiry_reminded;
ALTER TABLE accounts DROP COLUMN expiry_reminded;
ALTER TABLE accounts DROP COLUMN expiry_noted;
ALTER TABLE accounts DROP COLUMN dormancy_noted_at;
ALTER TABLE accounts DROP COLUMN dormancy_warned_at;
ALTER TABLE accounts DROP COLUMN dormancy_exempt;
ALTER TABLE tenants DROP COLUMN expiry_notice_days;
ALTER TABLE tenants DROP COLUMN dormancy_managed_deactivate;
ALTER TABLE tenants DROP COLUMN dormancy_exempt_services;
ALTER TABLE tenants DROP COLUMN dormancy_exempt_admins;
ALTER TABLE tenants DROP COLUMN dormancy_deactivate_days;
ALTER TABLE tenants DROP COLUMN dormancy_warn_days;
ALTER TABLE tenants DROP COLUMN dormancy_on;
