-- The audit log (issue 16). The table of V1 was never written; it is replaced by one that holds
-- each record's actor, action, target, change, origin and result as columns a filter can use.
DROP TABLE audit_events;

CREATE TABLE audit_events (
    id              uuid        PRIMARY KEY,
    -- the order records were written in: the log pages by it, since a record may be written well
    -- after it occurred (auth-service's outbox, delivered once workspace-service is back)
    seq             bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    occurred_at     timestamptz NOT NULL,
    actor_kind      text        NOT NULL CHECK (actor_kind IN ('user', 'system', 'anonymous')),
    actor_id        uuid,
    actor_name      text,
    action          text        NOT NULL,
    target_type     text        NOT NULL,
    target_id       uuid,
    target_name     text,
    change          jsonb       NOT NULL DEFAULT '{"before": {}, "after": {}}',
    client_address  text,
    user_agent      text,
    request_id      text,
    success         boolean     NOT NULL,
    status          integer,
    code            text
);

-- newest first, keyset over seq (its unique index); the filters by actor, action, target and time have their own
CREATE INDEX audit_events_by_actor ON audit_events (actor_id, seq DESC);
CREATE INDEX audit_events_by_action ON audit_events (action, seq DESC);
CREATE INDEX audit_events_by_target ON audit_events (target_id, seq DESC);
CREATE INDEX audit_events_by_time ON audit_events (occurred_at);

-- Append-only: no record is ever changed, and one is removed only by the retention job, which says
-- in its own transaction (the setting devsanctum.audit_retention_cutoff) up to when records are old
-- enough to go. Anything else, a bug or a slip at a SQL prompt, is refused here. It is no defence
-- against someone holding the database's own credentials, who could set the cutoff or drop the
-- trigger: the log is as trustworthy as the database's access control (docs/security.md).
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cutoff timestamptz := nullif(current_setting('devsanctum.audit_retention_cutoff', true), '')::timestamptz;
BEGIN
    IF TG_OP = 'DELETE' AND cutoff IS NOT NULL THEN
        IF OLD.occurred_at < cutoff THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
