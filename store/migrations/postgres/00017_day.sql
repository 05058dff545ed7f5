-- +goose Up
-- Who hears of a self-registration (issue 16): "admins" (the tenant's
-- Administrators, the default), "managers" (Administrators and User
-- Managers) or "none"; either way at most ten people, so one sign-up never
-- queues a hundred emails.
ALTER TABLE tenants ADD COLUMN registration_notify TEXT COLLATE "C" NOT NULL DEFAULT 'admins';
-- The Invitations page lists every pending person, link or not, newest first.
CREATE INDEX accounts_pending ON accounts (tenant_id, created_at, id) WHERE status = 'pending';
-- The Mail page's filters by status and by kind, newest first.
CREATE INDEX outbox_tenant_status ON outbox (tenant_id, status, id);
CREATE INDEX outbox_tenant_kind ON outbox (tenant_id, kind, id);

-- +goose Down
DROP INDEX outbox_tenant_kind;
DROP INDEX outbox_tenant_status;
DROP INDEX accounts_pending;
ALTER TABLE tenants DROP COLUMN registration_notify;
