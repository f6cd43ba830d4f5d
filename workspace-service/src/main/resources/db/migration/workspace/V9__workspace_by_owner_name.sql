-- An SSH login names a workspace by its owner's username and its name (<workspace>.<owner>):
-- looked up directly, not found in a listing.
CREATE INDEX workspaces_owner_username_idx ON workspaces (owner_name, lower(name)) WHERE deleted_at IS NULL;
