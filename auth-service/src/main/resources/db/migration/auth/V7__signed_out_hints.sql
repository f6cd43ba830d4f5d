-- A signed-out family keeps its ID token hint for a minute, so that a repeated sign-out still gets
-- the provider's sign-out URL; sign-ins and sign-outs then forget the hints of older ones, found here.
CREATE INDEX refresh_token_families_hint_idx ON refresh_token_families (revoked_at) WHERE id_token_hint IS NOT NULL;
