package io.devsanctum.gateway.ssh;

import io.devsanctum.common.contract.workspace.Workspace;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspaces this gateway has SSH connections into, each as workspace-service last announced
 * it: whether a connection may stay open depends on its workspace's current owner and sharing.
 */
final class FollowedWorkspaces {

  private record Followed(Workspace latest, int connections) {
  }

  private final Map<UUID, Followed> byId = new ConcurrentHashMap<>();

  /** Follows the workspace for one more connection, until the returned release runs. */
  Runnable follow(Workspace workspace) {
    byId.merge(workspace.id(), new Followed(workspace, 1),
        (known, added) -> new Followed(known.latest(), known.connections() + 1));
    return () -> byId.computeIfPresent(workspace.id(),
        (id, known) -> known.connections() == 1 ? null : new Followed(known.latest(), known.connections() - 1));
  }

  /** The workspace as last announced; null when no connection follows it. */
  Workspace latest(UUID workspaceId) {
    Followed followed = byId.get(workspaceId);
    return followed == null ? null : followed.latest();
  }

  /** Takes an announced workspace; true when it is followed and who may open it changed (its owner or sharing). */
  boolean changed(Workspace announced) {
    boolean[] access = new boolean[1];
    byId.computeIfPresent(announced.id(), (id, known) -> {
      access[0] = !Objects.equals(known.latest().sharing(), announced.sharing())
          || !known.latest().ownerId().equals(announced.ownerId());
      return new Followed(announced, known.connections());
    });
    return access[0];
  }
}
