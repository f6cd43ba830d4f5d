-- Lists are read page by page in a stable unique order (keyset pagination): each of these indexes
-- holds its list's order, so a page is a range scan however long the list grows.
CREATE INDEX users_listing_idx ON users (created_at, id);
CREATE INDEX api_tokens_listing_idx ON api_tokens (user_id, created_at DESC, id DESC) WHERE revoked_at IS NULL;
CREATE INDEX ssh_keys_listing_idx ON ssh_keys (user_id, created_at DESC, id DESC);
