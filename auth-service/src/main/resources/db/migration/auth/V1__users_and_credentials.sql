-- Identity: users, how they sign in, and the credentials issued to them.

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    email           text        NOT NULL,
    username        text        NOT NULL,
    display_name    text        NOT NULL DEFAULT '',
    role            text        NOT NULL DEFAULT 'member',
    status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    password_hash   text,                          -- null for users who only sign in through OAuth
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- A user's identity at an OAuth2 provider (github, google).
CREATE TABLE oauth_identities (
    provider        text        NOT NULL,
    subject         text        NOT NULL,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email           text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX oauth_identities_user_idx ON oauth_identities (user_id);

-- One family per sign-in; each refresh rotates the token inside its family.
CREATE TABLE refresh_token_families (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    revoked_reason  text
);
CREATE INDEX refresh_token_families_user_idx ON refresh_token_families (user_id);

CREATE TABLE refresh_tokens (
    token_hash      bytea PRIMARY KEY,             -- SHA-256 of the opaque value; the value is never stored
    family_id       uuid        NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
    issued_at       timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    rotated_at      timestamptz                    -- set when exchanged; presenting it again means theft
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE api_tokens (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            text        NOT NULL,
    token_hash      bytea       NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    expires_at      timestamptz,
    revoked_at      timestamptz
);
-- a name is unique among a user's live tokens; a revoked token's name may be reused
CREATE UNIQUE INDEX api_tokens_user_name_key ON api_tokens (user_id, name) WHERE revoked_at IS NULL;

-- ES256 key pairs for access tokens; the newest active one signs, all active ones verify (JWKS).
CREATE TABLE signing_keys (
    kid             text PRIMARY KEY,
    algorithm       text        NOT NULL DEFAULT 'ES256',
    private_key_pem text        NOT NULL,
    public_key_pem  text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    retired_at      timestamptz
);
