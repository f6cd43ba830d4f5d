package io.devsanctum.workspace.json;

import io.devsanctum.common.bus.JsonMapper;
import io.devsanctum.workspace.model.AppPort;
import io.devsanctum.workspace.model.ParameterType;
import io.devsanctum.workspace.model.TemplateParameter;
import io.devsanctum.workspace.model.TemplateSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a template spec: the wire format of the API and the jsonb stored per version.
 * Missing optional fields get the defaults documented in the OpenAPI contract.
 */
public final class TemplateSpecMapper implements JsonMapper<TemplateSpec> {

  public static final TemplateSpecMapper INSTANCE = new TemplateSpecMapper();

  static final String DEFAULT_HOME = "/home/coder";
  static final int DEFAULT_CPU_MILLIS = 1000;
  static final int DEFAULT_MEMORY_MB = 1024;
  static final int DEFAULT_PIDS_LIMIT = 512;
  static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;

  private TemplateSpecMapper() {
  }

  @Override
  public JsonObject toJson(TemplateSpec spec) {
    JsonArray apps = new JsonArray();
    spec.apps().forEach(app -> apps.add(new JsonObject()
        .put("name", app.name()).put("port", app.port()).put("default", app.isDefault())
        .put("healthPath", app.healthPath())));
    JsonArray parameters = new JsonArray();
    spec.parameters().forEach(p -> parameters.add(parameterJson(p)));
    return new JsonObject()
        .put("image", spec.image())
        .put("entrypoint", new JsonArray(spec.entrypoint()))
        .put("command", new JsonArray(spec.command()))
        .put("env", new JsonObject(new LinkedHashMap<>(spec.env())))
        .put("homePath", spec.homePath())
        .put("apps", apps)
        .put("cpuMillis", spec.cpuMillis())
        .put("memoryMb", spec.memoryMb())
        .put("pidsLimit", spec.pidsLimit())
        .put("startupTimeoutSeconds", spec.startupTimeoutSeconds())
        .put("parameters", parameters);
  }

  @Override
  public TemplateSpec fromJson(JsonObject json) {
    return new TemplateSpec(
        json.getString("image"),
        strings(json.getJsonArray("entrypoint")),
        strings(json.getJsonArray("command")),
        env(json.getJsonObject("env")),
        json.getString("homePath", DEFAULT_HOME),
        json.getJsonArray("apps", new JsonArray()).stream()
            .map(JsonObject.class::cast)
            .map(app -> new AppPort(app.getString("name"), app.getInteger("port", 0),
                app.getBoolean("default", false), app.getString("healthPath", "/")))
            .toList(),
        json.getInteger("cpuMillis", DEFAULT_CPU_MILLIS),
        json.getInteger("memoryMb", DEFAULT_MEMORY_MB),
        json.getInteger("pidsLimit", DEFAULT_PIDS_LIMIT),
        json.getInteger("startupTimeoutSeconds", DEFAULT_STARTUP_TIMEOUT_SECONDS),
        json.getJsonArray("parameters", new JsonArray()).stream()
            .map(JsonObject.class::cast)
            .map(TemplateSpecMapper::parameter)
            .toList());
  }

  private static JsonObject parameterJson(TemplateParameter p) {
    return new JsonObject()
        .put("name", p.name())
        .put("displayName", p.displayName())
        .put("description", p.description())
        .put("type", p.type().wireName())
        .put("default", p.defaultValue())
        .put("required", p.required())
        .put("mutable", p.mutable())
        .put("pattern", p.pattern())
        .put("min", p.min())
        .put("max", p.max())
        .put("options", new JsonArray(p.options()));
  }

  private static TemplateParameter parameter(JsonObject json) {
    Object defaultValue = json.getValue("default");
    return new TemplateParameter(
        json.getString("name"),
        json.getString("displayName", json.getString("name")),
        json.getString("description", ""),
        ParameterType.valueOf(json.getString("type", "string").toUpperCase()),
        defaultValue == null ? null : defaultValue.toString(),
        json.getBoolean("required", false),
        json.getBoolean("mutable", true),
        json.getString("pattern"),
        json.getDouble("min"),
        json.getDouble("max"),
        strings(json.getJsonArray("options")));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  private static Map<String, String> env(JsonObject json) {
    Map<String, String> env = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(e -> env.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return env;
  }
}
