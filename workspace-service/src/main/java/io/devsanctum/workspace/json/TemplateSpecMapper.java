package io.devsanctum.workspace.json;

import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.bus.JsonMapper;
import io.devsanctum.common.validation.NumberRules;
import io.devsanctum.workspace.model.AppPort;
import io.devsanctum.workspace.model.ParameterType;
import io.devsanctum.workspace.model.TemplateParameter;
import io.devsanctum.workspace.model.TemplateSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a template spec: the wire format of the API and the jsonb stored per version.
 * Missing optional fields get the defaults documented in the OpenAPI contract. Reading is strict:
 * a field of the wrong kind fails VALIDATION naming it ({@code spec.parameters.0.min: must be a
 * finite number}), whether it comes from a request or from a stored version.
 */
public final class TemplateSpecMapper implements JsonMapper<TemplateSpec> {

  public static final TemplateSpecMapper INSTANCE = new TemplateSpecMapper();

  static final String DEFAULT_HOME = "/home/coder";
  static final int DEFAULT_CPU_MILLIS = 1000;
  static final int DEFAULT_MEMORY_MB = 1024;
  static final int DEFAULT_PIDS_LIMIT = 512;
  static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;
  /** Larger than any bound the rules allow, small enough to be exact as a double. */
  static final double NUMBER_LIMIT = 1e15;

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
    JsonObject json = new JsonObject().put("image", spec.image());
    if (spec.user() != null) {
      json.put("user", spec.user());
    }
    return json
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
        text(json, "image", "spec.image", null),
        text(json, "user", "spec.user", null),
        strings(json, "entrypoint", "spec.entrypoint"),
        strings(json, "command", "spec.command"),
        env(json),
        text(json, "homePath", "spec.homePath", DEFAULT_HOME),
        objects(json, "apps", "spec.apps").stream().map(TemplateSpecMapper::app).toList(),
        whole(json, "cpuMillis", "spec.cpuMillis", DEFAULT_CPU_MILLIS),
        whole(json, "memoryMb", "spec.memoryMb", DEFAULT_MEMORY_MB),
        whole(json, "pidsLimit", "spec.pidsLimit", DEFAULT_PIDS_LIMIT),
        whole(json, "startupTimeoutSeconds", "spec.startupTimeoutSeconds", DEFAULT_STARTUP_TIMEOUT_SECONDS),
        parameters(json));
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

  private static AppPort app(Field app) {
    return new AppPort(text(app.json, "name", app.path + ".name", null), whole(app.json, "port", app.path + ".port", 0),
        bool(app.json, "default", app.path + ".default", false), text(app.json, "healthPath", app.path + ".healthPath", "/"));
  }

  private static List<TemplateParameter> parameters(JsonObject spec) {
    return objects(spec, "parameters", "spec.parameters").stream().map(p -> {
      JsonObject json = p.json;
      String name = text(json, "name", p.path + ".name", null);
      String type = text(json, "type", p.path + ".type", "string");
      ParameterType parsed;
      try {
        parsed = ParameterType.valueOf(type.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(p.path + ".type", "one of string, number, boolean");
      }
      return new TemplateParameter(
          name,
          text(json, "displayName", p.path + ".displayName", name),
          text(json, "description", p.path + ".description", ""),
          parsed,
          defaultValue(json.getValue("default"), p.path + ".default"),
          bool(json, "required", p.path + ".required", false),
          bool(json, "mutable", p.path + ".mutable", true),
          text(json, "pattern", p.path + ".pattern", null),
          NumberRules.finite(p.path + ".min", json.getValue("min"), NUMBER_LIMIT),
          NumberRules.finite(p.path + ".max", json.getValue("max"), NUMBER_LIMIT),
          strings(json, "options", p.path + ".options"));
    }).toList();
  }

  /** A parameter's default as the text it is stored and compared as. */
  private static String defaultValue(Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value == null ? null : value.toString();
    }
    if (value instanceof Number) {
      NumberRules.finite(path, value, NUMBER_LIMIT);
      return value.toString();
    }
    throw new InvalidInputException(path, "a string, number or boolean");
  }

  /** One object of an array, with where it is in the spec. */
  private record Field(JsonObject json, String path) {
  }

  private static String text(JsonObject json, String key, String path, String absent) {
    Object value = json.getValue(key);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof String text)) {
      throw new InvalidInputException(path, "must be a string");
    }
    return text;
  }

  private static boolean bool(JsonObject json, String key, String path, boolean absent) {
    Object value = json.getValue(key);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean flag)) {
      throw new InvalidInputException(path, "must be true or false");
    }
    return flag;
  }

  private static int whole(JsonObject json, String key, String path, int absent) {
    Integer value = NumberRules.wholeNumber(path, json.getValue(key), Integer.MIN_VALUE, Integer.MAX_VALUE);
    return value == null ? absent : value;
  }

  private static List<String> strings(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw new InvalidInputException(path, "must be an array of strings");
    }
    return array.stream().map(String.class::cast).toList();
  }

  private static List<Field> objects(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new InvalidInputException(path, "must be an array");
    }
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject object)) {
        throw new InvalidInputException(path + "." + i, "must be an object");
      }
      fields.add(new Field(object, path + "." + i));
    }
    return fields;
  }

  private static Map<String, String> env(JsonObject spec) {
    Object value = spec.getValue("env");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject json) || !json.stream().allMatch(e -> e.getValue() instanceof String)) {
      throw new InvalidInputException("spec.env", "must be an object of strings");
    }
    Map<String, String> env = new LinkedHashMap<>();
    json.forEach(e -> env.put(e.getKey(), (String) e.getValue()));
    return env;
  }
}
