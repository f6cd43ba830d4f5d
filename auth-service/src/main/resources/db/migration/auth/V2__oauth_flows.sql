-- OAuth2 sign-ins in progress: begun, not yet completed. Only a hash of the state is stored, and a
-- row is deleted when its sign-in completes, so each state is spent at most once.
CREATE TABLE oauth_flows (
    state_hash      bytea PRIMARY KEY,
    provider        text        NOT NULL,
    code_verifier   text        NOT NULL,      -- PKCE; sent to the provider with the code
    redirect_uri    text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL
);
CREATE INDEX oauth_flows_expires_idx ON oauth_flows (expires_at);
