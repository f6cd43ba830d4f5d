package io.devsanctum.workspace.service;

import io.devsanctum.workspace.model.RunningApp;
import io.devsanctum.workspace.model.TemplateSpec;
import io.devsanctum.workspace.model.Workspace;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Where running workspaces are published for the proxies. Register and deregister are idempotent. */
public interface RouteRegistry {

  /** Registers every app of the workspace; completes with the default app's host name. */
  Future<String> register(Workspace workspace, TemplateSpec spec, List<RunningApp> apps);

  Future<Void> deregister(UUID workspaceId);

  /** Ids of the workspaces that have at least one route. */
  Future<Set<UUID>> routedWorkspaces();
}
