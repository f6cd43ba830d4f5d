-- Which host name serves which workspace app, and where its upstream is.

CREATE TABLE route_mappings (
    host                text PRIMARY KEY,       -- <slug>.<base-domain> or <app>--<slug>.<base-domain>
    workspace_id        uuid        NOT NULL,
    owner_id            uuid        NOT NULL,
    app_name            text        NOT NULL,
    app_port            integer     NOT NULL,
    upstream_url        text        NOT NULL,
    docker_host_id      text        NOT NULL,
    sharing             text        NOT NULL DEFAULT 'owner' CHECK (sharing IN ('owner', 'authenticated', 'public')),
    health_path         text        NOT NULL DEFAULT '/',     -- what the data plane probes on the upstream
    healthy             boolean     NOT NULL DEFAULT true,
    active              boolean     NOT NULL DEFAULT true,    -- false while the workspace is stopped: host kept, not served
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, app_name)
);
CREATE INDEX route_mappings_workspace_idx ON route_mappings (workspace_id);
