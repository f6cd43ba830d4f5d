-- Five roles instead of two: the former admins are owners (they keep every right they had).
UPDATE users SET role = 'owner' WHERE role = 'admin';
ALTER TABLE users ADD CONSTRAINT users_role_known
    CHECK (role IN ('owner', 'user-admin', 'template-admin', 'auditor', 'member'));

-- What an API token may be used for; tokens made before scopes keep their user's full rights.
ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{all}';
