-- A sign-in through a provider configured with a maximum sign-in age ends then, however often it is
-- refreshed (no token of it outlives this), so that the provider and its groups are asked again.
ALTER TABLE refresh_token_families ADD COLUMN ends_at timestamptz;
