-- When a workspace was last used (its apps through a data plane, its terminal), written at most
-- once a minute per workspace: what autostop and dormancy count idle time from.
ALTER TABLE workspaces ADD COLUMN last_used_at timestamptz;
