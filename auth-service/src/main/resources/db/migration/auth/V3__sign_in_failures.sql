-- Failed password sign-ins, shared by every auth-service instance so that the sign-in limits hold
-- for the whole cluster. Keyed 'account:<login>' or 'address:<client address>'. An attempt is
-- written before its password is checked (and removed again when it succeeds), so concurrent
-- attempts count too; rows older than the limit's window are deleted periodically.
CREATE TABLE sign_in_failures (
    id          bigserial   PRIMARY KEY,
    key         text        NOT NULL,
    failed_at   timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_key_idx ON sign_in_failures (key, failed_at DESC);
CREATE INDEX sign_in_failures_failed_at_idx ON sign_in_failures (failed_at);
