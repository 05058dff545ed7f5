-- +goose Up
-- A key made by someone else for an account carries a ceiling: the creator's
-- effective permissions at creation, space-separated. The key then acts with
-- the intersection of the ceiling and its account's current permissions, so
-- access the account gains later does not flow to a key its creator could
-- not have had. NULL: no ceiling (one's own key, or made by an Admin).
ALTER TABLE api_keys ADD COLUMN ceiling TEXT;

-- +goose Down
ALTER TABLE api_keys DROP COLUMN ceiling;
