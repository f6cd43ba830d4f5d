package io.devsanctum.workspace.service;

import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.validation.ContainerUser;
import io.devsanctum.common.validation.TextRules;
import io.devsanctum.workspace.model.AppPort;
import io.devsanctum.workspace.model.TemplateParameter;
import io.devsanctum.workspace.model.TemplateSpec;
import io.devsanctum.workspace.service.TemplateService.TemplateDetails;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a template must satisfy before it is stored, and so before any workspace can be built
 * from it: what cannot be stored cannot break a reader later. The contract states the same for
 * HTTP callers.
 */
public final class TemplateRules {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  /** Docker's reference grammar: {@code [registry[:port]/]path[:tag][@digest]}, lower-case path components. */
  static final Pattern IMAGE_REFERENCE = Pattern.compile(
      "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?/)?"
          + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
          + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
          + "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,128})?");
  /** Absolute, below {@code /}, plain segments (no {@code .} or {@code ..}). */
  private static final Pattern HOME_PATH = Pattern.compile("(?:/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._-]+)+");
  private static final Pattern HEALTH_PATH = Pattern.compile("/\\S*");
  private static final int MAX_IMAGE = 255;
  private static final int MAX_ARGUMENTS = 64;
  private static final int MAX_ARGUMENT = 8192;
  private static final int MAX_ENV = 128;
  private static final int MAX_ENV_VALUE = 8192;
  private static final int MAX_APPS = 16;
  private static final int MAX_PARAMETERS = 64;
  private static final int MAX_OPTIONS = 64;
  static final int MAX_DISPLAY_NAME = 128;
  static final int MAX_DESCRIPTION = 2048;
  static final int MAX_ICON = 256;

  private TemplateRules() {
  }

  /** The display fields of a create or an edit (null ones are left as they are). */
  public static void validate(TemplateDetails details) {
    TextRules.singleLine("displayName", details.displayName(), MAX_DISPLAY_NAME);
    TextRules.multiLine("description", details.description(), MAX_DESCRIPTION);
    TextRules.singleLine("icon", details.icon(), MAX_ICON);
  }

  public static void validate(TemplateSpec spec) {
    if (spec.image() == null || spec.image().length() > MAX_IMAGE || !IMAGE_REFERENCE.matcher(spec.image()).matches()) {
      throw new InvalidInputException("spec.image", "an image reference, [registry[:port]/]repository[:tag][@digest]" + " (at most " + MAX_IMAGE + " characters, lower-case repository)");
    }
    if (spec.user() != null && !ContainerUser.isWellFormed(spec.user())) {
      throw new InvalidInputException("spec.user", "a user name or uid, optionally :group (a name or gid)");
    }
    arguments("spec.entrypoint", spec.entrypoint());
    arguments("spec.command", spec.command());
    if (spec.homePath() == null || spec.homePath().length() > 255 || !HOME_PATH.matcher(spec.homePath()).matches()) {
      throw new InvalidInputException("spec.homePath", "an absolute path below / of letters, digits, '.', '_' and '-'");
    }
    validateApps(spec);
    if (spec.cpuMillis() < 100 || spec.cpuMillis() > 64_000) {
      throw new InvalidInputException("spec.cpuMillis", "between 100 and 64000");
    }
    if (spec.memoryMb() < 64 || spec.memoryMb() > 262_144) {
      throw new InvalidInputException("spec.memoryMb", "between 64 and 262144");
    }
    if (spec.pidsLimit() < 16 || spec.pidsLimit() > 65_536) {
      throw new InvalidInputException("spec.pidsLimit", "between 16 and 65536");
    }
    if (spec.startupTimeoutSeconds() < 5 || spec.startupTimeoutSeconds() > 1800) {
      throw new InvalidInputException("spec.startupTimeoutSeconds", "between 5 and 1800");
    }
    if (spec.env().size() > MAX_ENV) {
      throw new InvalidInputException("spec.env", "at most " + MAX_ENV + " variables");
    }
    spec.env().forEach((name, value) -> {
      if (name.length() > 128 || !ENV_NAME.matcher(name).matches()) {
        throw new InvalidInputException("spec.env", "'" + printable(name) + "' is not a valid variable name");
      }
      TextRules.multiLine("spec.env." + name, value, MAX_ENV_VALUE);
    });
    validateParameters(spec);
  }

  private static void arguments(String field, List<String> arguments) {
    if (arguments.size() > MAX_ARGUMENTS) {
      throw new InvalidInputException(field, "at most " + MAX_ARGUMENTS + " arguments");
    }
    for (int i = 0; i < arguments.size(); i++) {
      TextRules.multiLine(field + "." + i, arguments.get(i), MAX_ARGUMENT);
    }
  }

  private static void validateApps(TemplateSpec spec) {
    if (spec.apps().isEmpty()) {
      throw new InvalidInputException("spec.apps", "at least one app port is required");
    }
    if (spec.apps().size() > MAX_APPS) {
      throw new InvalidInputException("spec.apps", "at most " + MAX_APPS + " apps");
    }
    Set<String> names = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    long defaults = 0;
    for (AppPort app : spec.apps()) {
      WorkspaceNames.require("spec.apps.name", app.name());
      if (!names.add(app.name())) {
        throw new InvalidInputException("spec.apps", "app '" + app.name() + "' is listed twice");
      }
      if (app.port() < 1 || app.port() > 65535) {
        throw new InvalidInputException("spec.apps.port", app.port() + " is not a TCP port");
      }
      if (!ports.add(app.port())) {
        throw new InvalidInputException("spec.apps.port", "port " + app.port() + " is listed twice");
      }
      if (app.healthPath() == null || app.healthPath().length() > 1024
          || !HEALTH_PATH.matcher(TextRules.singleLine("spec.apps.healthPath", app.healthPath(), 1024)).matches()) {
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
    if (spec.parameters().size() > MAX_PARAMETERS) {
      throw new InvalidInputException("spec.parameters", "at most " + MAX_PARAMETERS + " parameters");
    }
    Set<String> names = new HashSet<>();
    for (TemplateParameter p : spec.parameters()) {
      if (p.name() == null || !PARAMETER_NAME.matcher(p.name()).matches()) {
        throw new InvalidInputException("spec.parameters.name", "'" + printable(p.name()) + "' must be 1-32 of a-z, 0-9, '_' or '-', starting with a letter");
      }
      if (!names.add(p.name())) {
        throw new InvalidInputException("spec.parameters", "'" + p.name() + "' is listed twice");
      }
      String field = "spec.parameters." + p.name();
      TextRules.singleLine(field + ".displayName", p.displayName(), MAX_DISPLAY_NAME);
      TextRules.multiLine(field + ".description", p.description(), MAX_DESCRIPTION);
      TextRules.multiLine(field + ".default", p.defaultValue(), ParameterValues.MAX_TEXT);
      if (p.pattern() != null) {
        try {
          Pattern.compile(TextRules.singleLine(field + ".pattern", p.pattern(), 512));
        } catch (PatternSyntaxException e) {
          throw new InvalidInputException(field + ".pattern", "not a valid regular expression");
        }
      }
      if (p.min() != null && p.max() != null && p.min() > p.max()) {
        throw new InvalidInputException(field + ".min", "must not be above max");
      }
      if (p.options().size() > MAX_OPTIONS) {
        throw new InvalidInputException(field + ".options", "at most " + MAX_OPTIONS + " options");
      }
      p.options().forEach(option -> TextRules.singleLine(field + ".options", option, 256));
      if (p.defaultValue() != null) {
        String problem = ParameterValues.problem(p, p.defaultValue());
        if (problem != null) {
          throw new InvalidInputException(field + ".default", problem);
        }
      }
    }
  }

  /** A name as it can be shown in a message: control characters as '?'. */
  private static String printable(String text) {
    return text == null ? null : text.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
