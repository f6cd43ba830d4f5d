-- Templates (with immutable versions), workspaces, their deployments and the jobs that drive them.

CREATE TABLE templates (
    id                  uuid PRIMARY KEY,
    name                text        NOT NULL UNIQUE,
    display_name        text        NOT NULL DEFAULT '',
    description         text        NOT NULL DEFAULT '',
    icon                text        NOT NULL DEFAULT '',
    active_version_id   uuid,
    archived_at         timestamptz,
    created_by          uuid        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Every edit of a template creates a new row here; rows are never updated.
CREATE TABLE template_versions (
    id                  uuid PRIMARY KEY,
    template_id         uuid        NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    version             integer     NOT NULL,
    spec                jsonb       NOT NULL,   -- image, command, env, home path, apps, limits, parameters
    created_by          uuid        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (template_id, version)
);
ALTER TABLE templates
    ADD CONSTRAINT templates_active_version_fk FOREIGN KEY (active_version_id) REFERENCES template_versions (id);

CREATE TABLE workspaces (
    id                  uuid PRIMARY KEY,
    owner_id            uuid        NOT NULL,
    owner_name          text        NOT NULL,
    name                text        NOT NULL,
    template_id         uuid        NOT NULL REFERENCES templates (id),
    template_version_id uuid        NOT NULL REFERENCES template_versions (id),
    parameters          jsonb       NOT NULL DEFAULT '{}',
    state               text        NOT NULL CHECK (state IN
        ('PENDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'DELETING', 'DELETED', 'FAILED')),
    failure_reason      text,
    docker_host_id      text,
    container_id        text,
    sharing             text        NOT NULL DEFAULT 'owner' CHECK (sharing IN ('owner', 'authenticated', 'public')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz
);
-- names are unique per owner among workspaces that still exist
CREATE UNIQUE INDEX workspaces_owner_name_key ON workspaces (owner_id, lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX workspaces_state_idx ON workspaces (state);

CREATE TABLE deployments (
    workspace_id        uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    number              integer     NOT NULL,
    transition          text        NOT NULL CHECK (transition IN ('START', 'STOP', 'DELETE')),
    template_version_id uuid        NOT NULL REFERENCES template_versions (id),
    initiator_id        uuid        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    step                text,                   -- the next durable step to run; resumed from here after a crash
    claimed_by          text,                   -- the orchestrator instance driving it
    claim_expires_at    timestamptz,            -- past this, another instance may take it over
    failure_reason      text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    PRIMARY KEY (workspace_id, number)
);
-- at most one unfinished deployment per workspace
CREATE UNIQUE INDEX deployments_one_active_key ON deployments (workspace_id)
    WHERE status IN ('PENDING', 'RUNNING');

CREATE TABLE deployment_logs (
    workspace_id        uuid        NOT NULL,
    deployment_number   integer     NOT NULL,
    line_number         integer     NOT NULL,
    logged_at           timestamptz NOT NULL DEFAULT now(),
    level               text        NOT NULL DEFAULT 'INFO',
    step                text,
    message             text        NOT NULL,
    PRIMARY KEY (workspace_id, deployment_number, line_number),
    FOREIGN KEY (workspace_id, deployment_number) REFERENCES deployments (workspace_id, number) ON DELETE CASCADE
);

CREATE TABLE quotas (
    user_id             uuid PRIMARY KEY,
    max_workspaces      integer,
    max_cpu_millis      integer,
    max_memory_mb       integer,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_events (
    id                  bigserial PRIMARY KEY,
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    actor_id            uuid,
    action              text        NOT NULL,
    workspace_id        uuid,
    details             jsonb       NOT NULL DEFAULT '{}'
);
