-- +goose Up
-- A home Admin added to another tenant acts there as a Standard user, as its
-- membership row says; the search rows written when it was added kept
-- "admin" until its profile was next saved. Put them right.
UPDATE account_terms SET user_type = 'standard'
WHERE user_type = 'admin'
  AND tenant_id <> (SELECT a.tenant_id FROM accounts a WHERE a.id = account_terms.account_id);

-- +goose Down
SELECT 1;
