-- The workspace list is paged newest first by (created_at, id) with a cursor after the last row
-- of a page; these serve that order for everyone's list (admins) and for one owner's.
CREATE INDEX workspaces_listing_idx ON workspaces (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX workspaces_owner_listing_idx ON workspaces (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
