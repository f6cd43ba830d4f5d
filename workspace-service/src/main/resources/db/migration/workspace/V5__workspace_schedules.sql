-- Scheduling: a template's autostop and autostart rules (for all its workspaces at once, so not
-- part of a version), a workspace's owner's own choices, and who began each deployment.
ALTER TABLE templates ADD COLUMN schedule jsonb NOT NULL DEFAULT '{}';

ALTER TABLE workspaces ADD COLUMN schedule jsonb NOT NULL DEFAULT '{}';
-- the next autostart, kept so that one that passed while every instance was down is still acted on
ALTER TABLE workspaces ADD COLUMN next_autostart_at timestamptz;
CREATE INDEX workspaces_next_autostart_idx ON workspaces (next_autostart_at) WHERE next_autostart_at IS NOT NULL;

ALTER TABLE deployments ADD COLUMN initiator text NOT NULL DEFAULT 'USER' CHECK (initiator IN ('USER', 'SCHEDULE'));
ALTER TABLE deployments ADD COLUMN schedule_reason text CHECK (schedule_reason IN ('INACTIVITY', 'AUTOSTART'));
