package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.TemplateLimits;
import io.devsanctum.common.contract.workspace.TemplateParameter;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.validation.ContainerUser;
import io.devsanctum.common.validation.TextRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a template must satisfy before it is stored, and so before any workspace can be built
 * from it: what cannot be stored cannot break a reader later. The limits are the API document's
 * ({@link TemplateLimits}), which the gateway checks HTTP callers against too.
 */
public final class TemplateRules {

  private TemplateRules() {
  }

  /** The display fields of a create or an edit (null ones are left as they are). */
  public static void validateDisplay(String displayName, String description, String icon) {
    TextRules.singleLine("displayName", displayName, TemplateLimits.MAX_DISPLAY_NAME);
    TextRules.multiLine("description", description, TemplateLimits.MAX_DESCRIPTION);
    TextRules.singleLine("icon", icon, TemplateLimits.MAX_ICON);
  }

  /**
   * A template's schedule: every timeout within the API's range, the default within the owner's
   * bounds, ages in days within the API's range.
   */
  public static void validate(TemplateSchedule schedule) {
    TemplateLimits.Range any = TemplateLimits.INACTIVITY_TIMEOUT_MINUTES;
    range("schedule.minInactivityTimeoutMinutes", schedule.minInactivityTimeoutMinutes(), any);
    range("schedule.maxInactivityTimeoutMinutes", schedule.maxInactivityTimeoutMinutes(), any);
    if (schedule.minInactivityTimeoutMinutes() > schedule.maxInactivityTimeoutMinutes()) {
      throw new InvalidInputException("schedule.minInactivityTimeoutMinutes", "at most maxInactivityTimeoutMinutes ("
          + schedule.maxInactivityTimeoutMinutes() + ")");
    }
    if (schedule.inactivityTimeoutMinutes() != null) {
      range("schedule.inactivityTimeoutMinutes", schedule.inactivityTimeoutMinutes(),
          new TemplateLimits.Range(schedule.minInactivityTimeoutMinutes(), schedule.maxInactivityTimeoutMinutes(), 0));
    }
    days("schedule.dormantAfterDays", schedule.dormantAfterDays());
    days("schedule.deleteDormantAfterDays", schedule.deleteDormantAfterDays());
    days("schedule.deleteFailedAfterDays", schedule.deleteFailedAfterDays());
    if (schedule.deleteDormantAfterDays() != null && schedule.dormantAfterDays() == null) {
      throw new InvalidInputException("schedule.deleteDormantAfterDays", "needs dormantAfterDays: only dormant workspaces"
          + " are deleted for being unused");
    }
  }

  private static void days(String field, Integer days) {
    if (days != null) {
      range(field, days, TemplateLimits.SCHEDULE_DAYS);
    }
  }

  public static void validate(TemplateSpec spec) {
    if (spec.image() == null || spec.image().length() > TemplateLimits.MAX_IMAGE
        || !TemplateLimits.IMAGE.matcher(spec.image()).matches()) {
      throw new InvalidInputException("spec.image", "an image reference, [registry[:port]/]repository[:tag][@digest]"
          + " (at most " + TemplateLimits.MAX_IMAGE + " characters, lower-case repository)");
    }
    if (spec.user() != null && !ContainerUser.isWellFormed(spec.user())) {
      throw new InvalidInputException("spec.user", "a user name or uid, optionally :group (a name or gid)");
    }
    arguments("spec.entrypoint", spec.entrypoint());
    arguments("spec.command", spec.command());
    if (spec.homePath().length() > TemplateLimits.MAX_HOME_PATH || !TemplateLimits.HOME_PATH.matcher(spec.homePath()).matches()) {
      throw new InvalidInputException("spec.homePath", "an absolute path below / of letters, digits, '.', '_' and '-'");
    }
    validateApps(spec);
    range("spec.cpuMillis", spec.cpuMillis(), TemplateLimits.CPU_MILLIS);
    range("spec.memoryMb", spec.memoryMb(), TemplateLimits.MEMORY_MB);
    range("spec.pidsLimit", spec.pidsLimit(), TemplateLimits.PIDS_LIMIT);
    range("spec.startupTimeoutSeconds", spec.startupTimeoutSeconds(), TemplateLimits.STARTUP_TIMEOUT_SECONDS);
    if (spec.env().size() > TemplateLimits.MAX_ENV) {
      throw new InvalidInputException("spec.env", "at most " + TemplateLimits.MAX_ENV + " variables");
    }
    spec.env().forEach((name, value) -> {
      if (name.length() > TemplateLimits.MAX_ENV_NAME || !TemplateLimits.ENV_NAME.matcher(name).matches()) {
        throw new InvalidInputException("spec.env", "'" + printable(name) + "' is not a valid variable name");
      }
      TextRules.multiLine("spec.env." + name, value, TemplateLimits.MAX_ENV_VALUE);
    });
    validateParameters(spec);
  }

  private static void range(String field, int value, TemplateLimits.Range range) {
    if (!range.contains(value)) {
      throw new InvalidInputException(field, range.describe());
    }
  }

  private static void arguments(String field, List<String> arguments) {
    if (arguments.size() > TemplateLimits.MAX_ARGUMENTS) {
      throw new InvalidInputException(field, "at most " + TemplateLimits.MAX_ARGUMENTS + " arguments");
    }
    for (int i = 0; i < arguments.size(); i++) {
      TextRules.multiLine(field + "." + i, arguments.get(i), TemplateLimits.MAX_ARGUMENT);
    }
  }

  private static void validateApps(TemplateSpec spec) {
    if (spec.apps().isEmpty()) {
      throw new InvalidInputException("spec.apps", "at least one app port is required");
    }
    if (spec.apps().size() > TemplateLimits.MAX_APPS) {
      throw new InvalidInputException("spec.apps", "at most " + TemplateLimits.MAX_APPS + " apps");
    }
    Set<String> names = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    long defaults = 0;
    for (AppPort app : spec.apps()) {
      WorkspaceNames.require("spec.apps.name", app.name());
      if (!names.add(app.name())) {
        throw new InvalidInputException("spec.apps", "app '" + app.name() + "' is listed twice");
      }
      if (!TemplateLimits.PORT.contains(app.port())) {
        throw new InvalidInputException("spec.apps.port", app.port() + " is not a TCP port");
      }
      if (!ports.add(app.port())) {
        throw new InvalidInputException("spec.apps.port", "port " + app.port() + " is listed twice");
      }
      if (app.healthPath().length() > TemplateLimits.MAX_HEALTH_PATH
          || !TemplateLimits.HEALTH_PATH.matcher(app.healthPath()).matches()) {
        throw new InvalidInputException("spec.apps.healthPath", "an absolute path without spaces");
      }
      if (app.isDefault()) {
        defaults++;
      }
    }
    if (defaults > 1) {
      throw new InvalidInputException("spec.apps", "only one app can be the default");
    }
  }

  private static void validateParameters(TemplateSpec spec) {
    if (spec.parameters().size() > TemplateLimits.MAX_PARAMETERS) {
      throw new InvalidInputException("spec.parameters", "at most " + TemplateLimits.MAX_PARAMETERS + " parameters");
    }
    Set<String> names = new HashSet<>();
    for (TemplateParameter p : spec.parameters()) {
      if (!TemplateLimits.PARAMETER_NAME.matcher(p.name()).matches()) {
        throw new InvalidInputException("spec.parameters.name", "'" + printable(p.name()) + "' must be 1-32 of a-z, 0-9, '_' or '-', starting with a letter");
      }
      if (!names.add(p.name())) {
        throw new InvalidInputException("spec.parameters", "'" + p.name() + "' is listed twice");
      }
      String field = "spec.parameters." + p.name();
      TextRules.singleLine(field + ".displayName", p.displayName(), TemplateLimits.MAX_DISPLAY_NAME);
      TextRules.multiLine(field + ".description", p.description(), TemplateLimits.MAX_DESCRIPTION);
      TextRules.multiLine(field + ".default", p.defaultValue(), TemplateLimits.MAX_PARAMETER_VALUE);
      finite(field + ".min", p.min());
      finite(field + ".max", p.max());
      if (p.pattern() != null) {
        try {
          Pattern.compile(TextRules.singleLine(field + ".pattern", p.pattern(), TemplateLimits.MAX_PARAMETER_PATTERN));
        } catch (PatternSyntaxException e) {
          throw new InvalidInputException(field + ".pattern", "not a valid regular expression");
        }
      }
      if (p.min() != null && p.max() != null && p.min() > p.max()) {
        throw new InvalidInputException(field + ".min", "must not be above max");
      }
      if (p.options().size() > TemplateLimits.MAX_OPTIONS) {
        throw new InvalidInputException(field + ".options", "at most " + TemplateLimits.MAX_OPTIONS + " options");
      }
      p.options().forEach(option -> TextRules.singleLine(field + ".options", option, TemplateLimits.MAX_OPTION));
      if (p.defaultValue() != null) {
        String problem = ParameterValues.problem(p, p.defaultValue());
        if (problem != null) {
          throw new InvalidInputException(field + ".default", problem);
        }
      }
    }
  }

  private static void finite(String field, Double bound) {
    if (bound != null && !(Math.abs(bound) <= TemplateLimits.MAX_PARAMETER_NUMBER)) {
      throw new InvalidInputException(field, "must be a finite number of at most 10^15 in size");
    }
  }

  /** A name as it can be shown in a message: control characters as '?'. */
  private static String printable(String text) {
    return text == null ? null : text.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
