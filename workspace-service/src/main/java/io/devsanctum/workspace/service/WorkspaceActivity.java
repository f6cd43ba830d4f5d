package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When workspaces were last used, as the gateways report it: written at most once per workspace
 * per {@link #WINDOW} (the database decides, so it holds across every gateway and every instance
 * of this service), which bounds the writes whatever the traffic, and is precise enough for
 * timeouts counted in minutes.
 */
public class WorkspaceActivity {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceActivity.class);
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private final WorkspaceRepository workspaces;
  private final WorkspaceEvents events;
  private final Clock clock;
  private final Counter writes;

  public WorkspaceActivity(WorkspaceRepository workspaces, WorkspaceEvents events, Clock clock, MeterRegistry metrics) {
    this.workspaces = workspaces;
    this.events = events;
    this.clock = clock;
    this.writes = Counter.builder("devsanctum.workspace.activity.writes")
        .description("Writes of a workspace's last use (at most one per workspace per minute)")
        .register(metrics);
  }

  /** Someone used the workspace just now; an unknown (or deleted) workspace is ignored. */
  public Future<Void> record(Caller caller, UUID workspaceId) {
    WorkspacePolicy.requireActivityReporting(caller);
    return workspaces.recordActivity(workspaceId, OffsetDateTime.now(clock), WINDOW, null).compose(written -> {
      if (!written) {
        return Future.succeededFuture();
      }
      writes.increment();
      LOG.debug("workspace {} used", workspaceId);
      return workspaces.find(workspaceId).map(found -> {
        found.ifPresent(events::workspaceChanged);
        return null;
      });
    });
  }
}
