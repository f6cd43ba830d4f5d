package io.devsanctum.common.bus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service reports on its health address ({@link Addresses#health}): overall status and
 * named checks (e.g. {@code database}), each UP or DOWN.
 */
public record ServiceHealth(String service, Status status, Map<String, Status> checks) {

  public enum Status {
    UP,
    DOWN;

    public static Status of(boolean up) {
      return up ? UP : DOWN;
    }
  }

  /** Up when every check is. */
  public static ServiceHealth of(String service, Map<String, Boolean> checks) {
    Map<String, Status> statuses = new LinkedHashMap<>();
    checks.forEach((name, up) -> statuses.put(name, Status.of(up)));
    return new ServiceHealth(service, Status.of(checks.values().stream().allMatch(Boolean::booleanValue)), statuses);
  }
}
