-- Users' SSH public keys, for the gateway's SSH listener. A key stands for one user only (its
-- fingerprint is unique), so a connection's key names its user; a deleted key is gone.
CREATE TABLE ssh_keys (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    public_key    text        NOT NULL,
    fingerprint   text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    CONSTRAINT ssh_keys_fingerprint_key UNIQUE (fingerprint),
    CONSTRAINT ssh_keys_user_name_key UNIQUE (user_id, name)
);
