package io.devsanctum.workspace.fake;

import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.workspace.service.WorkspaceRouting;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/** {@link WorkspaceRouting} as a route table in memory; registering can be made to fail. */
public final class FakeRouting implements WorkspaceRouting {

  /** workspace id → whether its routes are active */
  private final Map<UUID, Boolean> routes = new ConcurrentHashMap<>();
  private final Queue<Supplier<RuntimeException>> registerFailures = new ConcurrentLinkedQueue<>();

  public FakeRouting failNextRegisters(int times, Supplier<RuntimeException> failure) {
    for (int i = 0; i < times; i++) {
      registerFailures.add(failure);
    }
    return this;
  }

  public boolean isRouted(UUID workspaceId) {
    return Boolean.TRUE.equals(routes.get(workspaceId));
  }

  public boolean hasRoutes(UUID workspaceId) {
    return routes.containsKey(workspaceId);
  }

  /** The route disappears behind the platform's back (a lost table row, say). */
  public void lose(UUID workspaceId) {
    routes.remove(workspaceId);
  }

  @Override
  public Future<String> register(Workspace workspace, TemplateSpec spec, List<PublishedApp> apps) {
    Supplier<RuntimeException> failure = registerFailures.poll();
    if (failure != null) {
      return Future.failedFuture(failure.get());
    }
    routes.put(workspace.id(), true);
    return Future.succeededFuture(workspace.name() + "--" + workspace.ownerName() + ".fake.test");
  }

  @Override
  public Future<Void> deregister(UUID workspaceId, boolean purge) {
    if (purge) {
      routes.remove(workspaceId);
    } else {
      routes.computeIfPresent(workspaceId, (id, active) -> false);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Set<UUID>> routedWorkspaces() {
    return Future.succeededFuture(Set.copyOf(routes.entrySet().stream().filter(Map.Entry::getValue)
        .map(Map.Entry::getKey).toList()));
  }
}
