-- An admin's password reset hands out a one-time password that must be replaced at the next sign-in.
ALTER TABLE users ADD COLUMN password_must_change boolean NOT NULL DEFAULT false;

-- Each refresh token names the token it succeeded, so a spent token whose successor never reached
-- the browser (the response was lost) can be recovered: its unused successor is superseded by a new
-- one instead of the presentation being taken for a theft.
ALTER TABLE refresh_tokens ADD COLUMN parent_hash bytea;
ALTER TABLE refresh_tokens ADD COLUMN superseded boolean NOT NULL DEFAULT false;
CREATE INDEX refresh_tokens_parent_idx ON refresh_tokens (parent_hash) WHERE parent_hash IS NOT NULL;

-- Keys the auth-service keeps for itself (e.g. the one that signs device cookies), made once and
-- shared by every instance.
CREATE TABLE server_secrets (
    name        text        PRIMARY KEY,
    secret      bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
