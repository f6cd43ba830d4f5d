package io.devsanctum.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@link RoutingContract#EVENTS_ROUTE_CHANGED} after every change of the route table.
 * {@code routes} are the routes the change is about: registered or updated ones (active again),
 * deactivated ones (the workspace stopped), removed ones, or the one whose health changed; each is
 * the route as it is after the change, except removed ones. {@code at} is when the change was published, so subscribers can
 * measure how long propagation took.
 */
public record RouteChangedEvent(Change change, UUID workspaceId, List<RouteMapping> routes, Instant at) {

  public enum Change {
    REGISTERED("registered"),
    /** The workspace stopped: its routes are kept (and their hosts reserved) but inactive. */
    DEACTIVATED("deactivated"),
    REMOVED("removed"),
    HEALTH("health"),
    /** Who may open the workspace's routes changed (active or not). */
    SHARING("sharing");

    private final String wireName;

    Change(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Change fromWire(String name) {
      return Arrays.stream(values()).filter(change -> change.wireName.equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown route change " + name));
    }
  }

  public static final JsonMapper<RouteChangedEvent> MAPPER = new JsonMapper<>() {
    @Override
    public JsonObject toJson(RouteChangedEvent event) {
      return new JsonObject()
          .put("change", event.change().wireName())
          .put("workspaceId", event.workspaceId().toString())
          .put("routes", new JsonArray(event.routes().stream().map(RouteMapping.MAPPER::toJson).toList()))
          .put("at", event.at().toEpochMilli());
    }

    @Override
    public RouteChangedEvent fromJson(JsonObject json) {
      List<RouteMapping> routes = json.getJsonArray("routes", new JsonArray()).stream()
          .map(route -> RouteMapping.MAPPER.fromJson((JsonObject) route))
          .toList();
      return new RouteChangedEvent(
          Change.fromWire(json.getString("change")),
          UUID.fromString(json.getString("workspaceId")),
          routes,
          Instant.ofEpochMilli(json.getLong("at")));
    }
  };
}
