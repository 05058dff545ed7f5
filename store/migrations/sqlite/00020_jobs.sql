-- +goose Up
-- A job is one action over a frozen list of accounts (a bulk action, an
-- import), run in the background by whichever console process claims its
-- items. principal is the acting principal, opaque to the store (the
-- operations layer reads it back); every item runs as that principal, its
-- permissions read again in each item's transaction.
CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY,
    tenant_id        INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    actor_id         INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    principal        TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    params           TEXT    NOT NULL DEFAULT '{}',
    description      TEXT    NOT NULL DEFAULT '', -- what the selection was (a filter, ticked rows)
    status           TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'cancelled')),
    total            INTEGER NOT NULL,
    created_at       BIGINT  NOT NULL,
    finished_at      BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX jobs_tenant ON jobs (tenant_id, id);
CREATE INDEX jobs_open ON jobs (id) WHERE status IN ('queued', 'running');

-- A job's items, in the order they were frozen. An item is claimed by a
-- process until lease_until (unix seconds); one whose process died comes due
-- again when its lease has passed, under a new claim. outcome '' is not done
-- yet; done is set in the transaction of the change itself (with its audit
-- event), and only by the claim that holds it, so an item is never done twice.
CREATE TABLE job_items (
    job_id      INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    account_id  INTEGER NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',
    outcome     TEXT    NOT NULL DEFAULT '' CHECK (outcome IN ('', 'done', 'skipped', 'failed')),
    reason      TEXT    NOT NULL DEFAULT '',
    lease_until BIGINT  NOT NULL DEFAULT 0,
    claim       TEXT    NOT NULL DEFAULT '', -- the claim holding it: only that claim's change may settle it
    PRIMARY KEY (job_id, seq)
);
CREATE INDEX job_items_outcome ON job_items (job_id, outcome, seq);

-- +goose Down
DROP TABLE job_items;
DROP TABLE jobs;
