-- OpenID Connect providers link identities by issuer and subject: the provider's id is only this
-- server's name for it, and may change while the issuer stays. GitHub and Google keep their names
-- as issuers ('github', 'google').
ALTER TABLE oauth_identities RENAME COLUMN provider TO issuer;

-- The nonce an OpenID Connect provider must echo in the ID token of this sign-in.
ALTER TABLE oauth_flows ADD COLUMN nonce text NOT NULL DEFAULT '';
ALTER TABLE oauth_flows ALTER COLUMN nonce DROP DEFAULT;

-- Which provider a sign-in came through, and the ID token to hint it with, for providers configured
-- to have their own session ended when the sign-in is signed out (RP-initiated logout).
ALTER TABLE refresh_token_families ADD COLUMN provider text;
ALTER TABLE refresh_token_families ADD COLUMN id_token_hint text;
