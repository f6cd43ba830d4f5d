package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Gauge {@code devsanctum.workspaces} by state, refreshed from the database every 15 s. */
public class WorkspaceMetrics {

  private static final long REFRESH_MS = 15_000;

  private final WorkspaceRepository workspaces;
  private final Map<WorkspaceState, AtomicInteger> counts = new EnumMap<>(WorkspaceState.class);

  public WorkspaceMetrics(WorkspaceRepository workspaces, MeterRegistry metrics) {
    this.workspaces = workspaces;
    for (WorkspaceState state : WorkspaceState.values()) {
      AtomicInteger count = new AtomicInteger();
      counts.put(state, count);
      Gauge.builder("devsanctum.workspaces", count, AtomicInteger::get)
          .description("Workspaces by lifecycle state")
          .tag("state", state.name().toLowerCase())
          .register(metrics);
    }
  }

  public void start(Vertx vertx) {
    refresh();
    vertx.setPeriodic(REFRESH_MS, id -> refresh());
  }

  private void refresh() {
    workspaces.listLive().onSuccess(live -> {
      Map<WorkspaceState, Integer> now = new EnumMap<>(WorkspaceState.class);
      for (Workspace w : live) {
        now.merge(w.state(), 1, Integer::sum);
      }
      counts.forEach((state, count) -> count.set(now.getOrDefault(state, 0)));
    });
  }
}
