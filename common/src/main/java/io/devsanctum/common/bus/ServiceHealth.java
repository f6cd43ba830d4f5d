package io.devsanctum.common.bus;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service reports on its health address: overall status and named checks
 * (e.g. {@code database}), each UP or DOWN.
 */
public record ServiceHealth(String service, boolean up, Map<String, Boolean> checks) {

  public static final JsonMapper<ServiceHealth> MAPPER = new JsonMapper<>() {
    @Override
    public JsonObject toJson(ServiceHealth health) {
      JsonObject checks = new JsonObject();
      health.checks().forEach((name, up) -> checks.put(name, status(up)));
      return new JsonObject()
          .put("service", health.service())
          .put("status", status(health.up()))
          .put("checks", checks);
    }

    @Override
    public ServiceHealth fromJson(JsonObject json) {
      Map<String, Boolean> checks = new LinkedHashMap<>();
      json.getJsonObject("checks", new JsonObject())
          .forEach(e -> checks.put(e.getKey(), "UP".equals(e.getValue())));
      return new ServiceHealth(json.getString("service"), "UP".equals(json.getString("status")), checks);
    }
  };

  public static ServiceHealth of(String service, Map<String, Boolean> checks) {
    return new ServiceHealth(service, checks.values().stream().allMatch(Boolean::booleanValue), checks);
  }

  public static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }
}
