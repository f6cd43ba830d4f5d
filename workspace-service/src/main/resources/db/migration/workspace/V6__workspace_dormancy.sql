-- Dormancy: a workspace stopped and unused for its template's age is dormant (hidden from the
-- default list, cannot start until woken) from this time; deleted after the template's next age.
ALTER TABLE workspaces ADD COLUMN dormant_at timestamptz;
ALTER TABLE deployments DROP CONSTRAINT deployments_schedule_reason_check;
ALTER TABLE deployments ADD CONSTRAINT deployments_schedule_reason_check
    CHECK (schedule_reason IN ('INACTIVITY', 'AUTOSTART', 'DORMANCY', 'FAILED_TTL'));
