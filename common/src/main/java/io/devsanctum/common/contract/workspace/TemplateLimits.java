package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.contract.ApiDocument;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The limits and defaults of a template, read from the API's OpenAPI document, where they are
 * stated once: the gateway validates HTTP requests against that document, workspace-service
 * checks every template it stores with these (whoever calls it), the provisioner checks container
 * specs with them, and the dashboard reads the same document.
 */
public final class TemplateLimits {

  /** A whole number's allowed range and the value taken when none is given. */
  public record Range(int min, int max, int defaultValue) {

    public boolean contains(int value) {
      return value >= min && value <= max;
    }

    public String describe() {
      return "between " + min + " and " + max;
    }
  }

  public static final Range CPU_MILLIS = range("TemplateSpec", "cpuMillis");
  public static final Range MEMORY_MB = range("TemplateSpec", "memoryMb");
  public static final Range PIDS_LIMIT = range("TemplateSpec", "pidsLimit");
  public static final Range STARTUP_TIMEOUT_SECONDS = range("TemplateSpec", "startupTimeoutSeconds");
  /** Any inactivity timeout, a template's or an owner's. */
  public static final Range INACTIVITY_TIMEOUT_MINUTES = range("TemplateSchedule", "inactivityTimeoutMinutes");
  /** The dormancy and deletion ages of a template's schedule. */
  public static final Range SCHEDULE_DAYS = range("TemplateSchedule", "dormantAfterDays");

  public static final Pattern IMAGE = pattern("TemplateSpec", "image");
  public static final int MAX_IMAGE = maxLength("TemplateSpec", "image");
  public static final Pattern USER = pattern("TemplateSpec", "user");
  public static final Pattern HOME_PATH = pattern("TemplateSpec", "homePath");
  public static final int MAX_HOME_PATH = maxLength("TemplateSpec", "homePath");
  public static final String DEFAULT_HOME_PATH = ApiDocument.property("TemplateSpec", "homePath").getString("default");
  public static final int MAX_ARGUMENTS = ApiDocument.property("TemplateSpec", "entrypoint").getInteger("maxItems");
  public static final int MAX_ARGUMENT = ApiDocument.schema("Argument").getInteger("maxLength");
  public static final int MAX_ENV = ApiDocument.property("TemplateSpec", "env").getInteger("maxProperties");
  public static final Pattern ENV_NAME = Pattern.compile(
      ApiDocument.property("TemplateSpec", "env").getJsonObject("propertyNames").getString("pattern"));
  public static final int MAX_ENV_NAME =
      ApiDocument.property("TemplateSpec", "env").getJsonObject("propertyNames").getInteger("maxLength");
  public static final int MAX_ENV_VALUE =
      ApiDocument.property("TemplateSpec", "env").getJsonObject("additionalProperties").getInteger("maxLength");

  public static final int MAX_APPS = ApiDocument.property("TemplateSpec", "apps").getInteger("maxItems");
  public static final Range PORT = range("AppPort", "port");
  public static final Pattern HEALTH_PATH = pattern("AppPort", "healthPath");
  public static final int MAX_HEALTH_PATH = maxLength("AppPort", "healthPath");

  public static final int MAX_PARAMETERS = ApiDocument.property("TemplateSpec", "parameters").getInteger("maxItems");
  public static final Pattern PARAMETER_NAME = pattern("TemplateParameter", "name");
  public static final int MAX_PARAMETER_PATTERN = maxLength("TemplateParameter", "pattern");
  public static final int MAX_OPTIONS = ApiDocument.property("TemplateParameter", "options").getInteger("maxItems");
  public static final int MAX_OPTION =
      ApiDocument.property("TemplateParameter", "options").getJsonObject("items").getInteger("maxLength");
  public static final int MAX_PARAMETER_VALUE = ApiDocument.schema("ParameterValue").getInteger("maxLength");
  /** The largest magnitude of a number parameter's value or bound. */
  public static final double MAX_PARAMETER_NUMBER = ApiDocument.schema("ParameterValue").getDouble("maximum");

  public static final int MAX_DISPLAY_NAME = ApiDocument.schema("DisplayName").getInteger("maxLength");
  public static final int MAX_DESCRIPTION = ApiDocument.schema("Description").getInteger("maxLength");
  public static final int MAX_ICON = ApiDocument.schema("Icon").getInteger("maxLength");

  private TemplateLimits() {
  }

  private static Range range(String schema, String property) {
    JsonObject bounds = ApiDocument.property(schema, property);
    Integer defaultValue = bounds.getInteger("default");
    return new Range(bounds.getInteger("minimum"), bounds.getInteger("maximum"),
        defaultValue == null ? bounds.getInteger("minimum") : defaultValue);
  }

  private static Pattern pattern(String schema, String property) {
    return Pattern.compile(ApiDocument.property(schema, property).getString("pattern"));
  }

  private static int maxLength(String schema, String property) {
    return ApiDocument.property(schema, property).getInteger("maxLength");
  }
}
