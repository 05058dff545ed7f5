-- +goose Up
-- How often a job's item met a busy database and was given back: after a
-- few tries it fails, said so, instead of keeping its job open for good.
ALTER TABLE job_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE job_items DROP COLUMN attempts;
