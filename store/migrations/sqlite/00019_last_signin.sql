-- +goose Up
-- When the account last signed in (a new session by password, SSO, an
-- accepted invitation or a confirmed registration), beside last active;
-- NULL: never.
ALTER TABLE accounts ADD COLUMN last_signin_at BIGINT;

-- +goose Down
ALTER TABLE accounts DROP COLUMN last_signin_at;
