-- +goose Up
-- Several console processes on one database (issue 15) share through it
-- what each used to keep in memory.
--
-- A lease names a periodic job (session purge, audit retention, ...): the
-- process that takes it runs the job, and nobody takes it again until
-- "until" (unix seconds) has passed, so the job runs once per period
-- whatever the number of processes.
CREATE TABLE leases (
    name   TEXT    PRIMARY KEY,
    holder TEXT    NOT NULL,
    until  BIGINT  NOT NULL
);
-- A token bucket per name (an API rate limit and its key): the tokens left
-- when it was last drawn on, at at_ms (unix milliseconds). From until_ms on
-- the bucket is full again, the same as absent, and may be purged.
CREATE TABLE limits (
    name     TEXT    PRIMARY KEY,
    tokens   REAL    NOT NULL,
    taken    INTEGER NOT NULL DEFAULT 0, -- 1: the last draw got a token
    at_ms    BIGINT  NOT NULL,
    until_ms BIGINT  NOT NULL
);
CREATE INDEX limits_until ON limits (until_ms);
-- One row per failure a throttle counts (a failed sign-in per address, an
-- email sent to an address): it counts until until_ms, the end of its
-- window. A sliding window needs the times of the failures, not a counter:
-- a key is refused until its oldest failure in the window leaves it.
CREATE TABLE limit_hits (
    name     TEXT    NOT NULL,
    until_ms BIGINT  NOT NULL
);
CREATE INDEX limit_hits_name ON limit_hits (name, until_ms);
CREATE INDEX limit_hits_until ON limit_hits (until_ms);

-- +goose Down
DROP TABLE limit_hits;
DROP TABLE limits;
DROP TABLE leases;
