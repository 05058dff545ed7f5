-- +goose Up
-- How long a tenant keeps its audit events; a background task deletes older ones.
ALTER TABLE tenants ADD COLUMN audit_retention_days BIGINT NOT NULL DEFAULT 400;

-- The audit log's filters, each walked newest first (keyset paging on id).
CREATE INDEX audit_by_actor ON audit_events (tenant_id, actor_id, id);
CREATE INDEX audit_by_action ON audit_events (tenant_id, action, id);
-- Date ranges and the retention purge.
CREATE INDEX audit_by_time ON audit_events (tenant_id, at);

-- +goose Down
DROP INDEX audit_by_time;
DROP INDEX audit_by_action;
DROP INDEX audit_by_actor;
ALTER TABLE tenants DROP COLUMN audit_retention_days;
