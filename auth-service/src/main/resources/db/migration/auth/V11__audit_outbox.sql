-- Audit records of auth-service's changes, written in the transaction of the change and delivered
-- to the audit log (workspace-service) by the outbox drainer, which deletes each once it is stored
-- there. A record is delivered at least once; the log stores it once by its id.
CREATE TABLE audit_outbox (
    id          uuid        PRIMARY KEY,
    record      jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX audit_outbox_order ON audit_outbox (created_at, id);
