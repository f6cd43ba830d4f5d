package io.devsanctum.provisioner.controller;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.validation.NumberRules;
import io.devsanctum.provisioner.model.AppSpec;
import io.devsanctum.provisioner.model.ContainerInventory;
import io.devsanctum.provisioner.model.ContainerRequest;
import io.devsanctum.provisioner.model.ContainerSpec;
import io.devsanctum.provisioner.model.HostStatus;
import io.devsanctum.provisioner.model.ManagedContainer;
import io.devsanctum.provisioner.model.PublishedApp;
import io.devsanctum.provisioner.model.WorkspaceStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wire forms of the provisioner contract (ProvisionerContract); bad input fails with VALIDATION. */
final class ProvisionerJson {

  private ProvisionerJson() {
  }

  static String required(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw ErrorCode.VALIDATION.exception(field + " is required (a non-empty string)");
    }
    return text;
  }

  static String optional(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw ErrorCode.VALIDATION.exception(field + " must be a string");
    }
    return (String) value;
  }

  static ContainerRequest containerRequest(JsonObject json) {
    JsonObject spec = json.getValue("spec") instanceof JsonObject object ? object : null;
    if (spec == null) {
      throw ErrorCode.VALIDATION.exception("spec is required (an object)");
    }
    return new ContainerRequest(
        required(json, "hostId"),
        required(json, "workspaceId"),
        required(json, "ownerId"),
        required(json, "ownerName"),
        required(json, "workspaceName"),
        required(json, "templateVersionId"),
        new ContainerSpec(
            required(spec, "image"),
            optional(spec, "user"),
            strings(spec, "entrypoint"),
            strings(spec, "command"),
            env(spec),
            required(spec, "homePath"),
            apps(spec),
            integer(spec, "cpuMillis"),
            integer(spec, "memoryMb"),
            integer(spec, "pidsLimit")));
  }

  static JsonObject host(HostStatus status) {
    JsonObject json = new JsonObject()
        .put("id", status.id())
        .put("endpoint", status.host().endpoint().toString())
        .put("publishAddress", status.host().publishAddress())
        .put("healthy", status.healthy())
        .put("workspaces", status.workspaces())
        .put("cpus", status.cpus())
        .put("memoryBytes", status.memoryBytes());
    if (status.error() != null) {
      json.put("error", status.error());
    }
    return json;
  }

  static JsonObject status(WorkspaceStatus status) {
    JsonObject json = new JsonObject()
        .put("exists", status.exists())
        .put("running", status.running())
        .put("apps", new JsonArray(status.apps().stream().map(ProvisionerJson::app).toList()));
    if (status.containerId() != null) {
      json.put("containerId", status.containerId());
    }
    if (status.exitCode() != null) {
      json.put("exitCode", status.exitCode());
    }
    return json;
  }

  static JsonObject inventory(ContainerInventory inventory) {
    return new JsonObject()
        .put("containers", new JsonArray(inventory.containers().stream().map(ProvisionerJson::container).toList()))
        .put("unreachableHosts", new JsonArray(inventory.unreachableHosts()));
  }

  private static JsonObject container(ManagedContainer container) {
    return new JsonObject()
        .put("hostId", container.hostId())
        .put("containerId", container.containerId())
        .put("workspaceId", container.workspaceId())
        .put("ownerId", container.ownerId())
        .put("templateVersionId", container.templateVersionId())
        .put("running", container.running());
  }

  private static JsonObject app(PublishedApp app) {
    JsonObject json = new JsonObject().put("name", app.name()).put("port", app.port()).put("default", app.isDefault());
    if (app.upstreamUrl() != null) {
      json.put("upstreamUrl", app.upstreamUrl());
    }
    return json;
  }

  private static int integer(JsonObject json, String field) {
    Integer value = NumberRules.wholeNumber("spec." + field, json.getValue(field), Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (value == null) {
      throw ErrorCode.VALIDATION.exception("spec." + field + " is required (a number)");
    }
    return value;
  }

  private static List<String> strings(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw ErrorCode.VALIDATION.exception("spec." + field + " must be an array of strings");
    }
    return array.stream().map(String.class::cast).toList();
  }

  private static Map<String, String> env(JsonObject spec) {
    Object value = spec.getValue("env");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject env) || !env.stream().allMatch(e -> e.getValue() instanceof String)) {
      throw ErrorCode.VALIDATION.exception("spec.env must be an object of strings");
    }
    Map<String, String> variables = new HashMap<>();
    env.forEach(e -> variables.put(e.getKey(), (String) e.getValue()));
    return variables;
  }

  private static List<AppSpec> apps(JsonObject spec) {
    Object value = spec.getValue("apps");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray apps) || !apps.stream().allMatch(JsonObject.class::isInstance)) {
      throw ErrorCode.VALIDATION.exception("spec.apps must be an array of objects");
    }
    return apps.stream().map(JsonObject.class::cast)
        .map(app -> new AppSpec(required(app, "name"), integer(app, "port"), Boolean.TRUE.equals(app.getValue("default"))))
        .toList();
  }
}
