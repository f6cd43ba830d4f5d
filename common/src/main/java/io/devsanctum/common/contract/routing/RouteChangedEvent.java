package io.devsanctum.common.contract.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@link RoutingContract#EVENTS_ROUTE_CHANGED} after every change of the route table.
 * {@code routes} are the routes the change is about: registered or updated ones (active again),
 * deactivated ones (the workspace stopped), removed ones, or the one whose health changed; each is
 * the route as it is after the change, except removed ones. {@code version} numbers the changes of
 * the table, so a subscriber that sees a gap knows it missed one (and reads the table again);
 * {@code at} is when the change was published, so subscribers can measure how long propagation took.
 */
public record RouteChangedEvent(Change change, UUID workspaceId, List<RouteMapping> routes, long version, Instant at) {

  public enum Change {
    REGISTERED("registered"),
    /** The workspace stopped: its routes are kept (and their hosts reserved) but inactive. */
    DEACTIVATED("deactivated"),
    REMOVED("removed"),
    HEALTH("health");

    private final String wireName;

    Change(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }

    @JsonCreator
    public static Change fromWire(String name) {
      return Arrays.stream(values()).filter(change -> change.wireName.equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown route change " + name));
    }
  }
}
