-- +goose Up
-- Registration used to take a password from whoever registered, before
-- anyone had proven the address. A self-registration still waiting for its
-- confirmation keeps none: its password is chosen on the confirmation page
-- by whoever holds the mailbox, and an administrator cannot activate it.
UPDATE accounts SET password_hash = NULL
    WHERE status = 'pending' AND origin = 'registration' AND auth_method = 'password';

-- +goose Down
-- The cleared passwords are not coming back.
SELECT 1;
