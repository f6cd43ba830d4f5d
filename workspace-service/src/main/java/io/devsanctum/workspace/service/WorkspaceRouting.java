package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Where running workspaces are published for the proxies. Register and deregister are idempotent. */
public interface WorkspaceRouting {

  /** Registers every app of the workspace; completes with the default app's host name. */
  Future<String> register(Workspace workspace, TemplateSpec spec, List<PublishedApp> apps);

  /**
   * Takes the workspace off the data planes. A stopped workspace ({@code purge} false) keeps its
   * routes, inactive, so its host names survive stop/start and the proxy can say it is stopped; a
   * deleted one ({@code purge} true) loses them.
   */
  Future<Void> deregister(UUID workspaceId, boolean purge);

  /** Ids of the workspaces that have at least one active route. */
  Future<Set<UUID>> routedWorkspaces();
}
