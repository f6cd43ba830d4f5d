package io.devsanctum.gateway.activity;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells workspace-service that a workspace is in use (a request through a data plane, terminal
 * input), at most once per workspace per {@link #WINDOW} from this gateway, however busy it is;
 * workspace-service writes at most once per window whichever gateways report.
 */
public class ActivityReports {

  private static final Logger LOG = LoggerFactory.getLogger(ActivityReports.class);
  public static final Duration WINDOW = Duration.ofMinutes(1);
  private static final Caller GATEWAY = Caller.service("gateway");
  /** Past this many workspaces, entries older than a window are dropped. */
  private static final int PRUNE_ABOVE = 10_000;

  private final WorkspaceContract workspaces;
  private final Clock clock;
  private final Counter sent;
  /** When this gateway last reported each workspace (epoch millis). */
  private final Map<UUID, Long> lastReported = new ConcurrentHashMap<>();

  public ActivityReports(WorkspaceContract workspaces, Clock clock, MeterRegistry registry) {
    this.workspaces = workspaces;
    this.clock = clock;
    this.sent = Counter.builder("devsanctum.gateway.activity.reports")
        .description("Workspace activity reports sent to workspace-service (at most one per workspace per minute)")
        .register(registry);
  }

  /** The workspace was used just now. */
  public void used(UUID workspaceId) {
    long now = clock.millis();
    boolean[] due = {false};
    lastReported.compute(workspaceId, (id, before) -> {
      if (before != null && now - before < WINDOW.toMillis()) {
        return before;
      }
      due[0] = true;
      return now;
    });
    if (!due[0]) {
      return;
    }
    if (lastReported.size() > PRUNE_ABOVE) {
      lastReported.values().removeIf(at -> now - at >= WINDOW.toMillis());
    }
    sent.increment();
    workspaces.recordActivity(GATEWAY, workspaceId).onFailure(failure -> {
      // the next use after the window reports again; one lost report moves a deadline by a minute at most
      lastReported.remove(workspaceId, now);
      LOG.debug("activity of workspace {} not recorded: {}", workspaceId, failure.getMessage());
    });
  }
}
