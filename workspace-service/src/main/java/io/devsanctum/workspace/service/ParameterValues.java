package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.workspace.TemplateLimits;
import io.devsanctum.common.contract.workspace.TemplateParameter;
import io.devsanctum.common.domain.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the values a user gives for a template's parameters and fills in defaults. */
public final class ParameterValues {

  /** The longest text value (and default) a parameter takes. */
  static final int MAX_TEXT = TemplateLimits.MAX_PARAMETER_VALUE;
  /** Numbers are finite and within this, so they stay exact as doubles. */
  static final double MAX_MAGNITUDE = TemplateLimits.MAX_PARAMETER_NUMBER;

  private ParameterValues() {
  }

  /**
   * The values to store for a new workspace: every declared parameter, given or defaulted.
   * Unknown names, missing required values and values breaking a rule fail VALIDATION.
   */
  public static Map<String, String> resolve(List<TemplateParameter> declared, Map<String, String> given) {
    for (String name : given.keySet()) {
      if (declared.stream().noneMatch(p -> p.name().equals(name))) {
        throw new InvalidInputException("parameters." + name, "the template has no such parameter");
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (TemplateParameter p : declared) {
      String value = given.getOrDefault(p.name(), p.defaultValue());
      if (value == null) {
        if (p.required()) {
          throw new InvalidInputException("parameters." + p.name(), "a value is required");
        }
        continue;
      }
      String problem = problem(p, value);
      if (problem != null) {
        throw new InvalidInputException("parameters." + p.name(), problem);
      }
      values.put(p.name(), value);
    }
    return values;
  }

  /**
   * The values after a user's change: only mutable parameters may take a new value (an immutable
   * one given with its current value is fine); the result is checked as at creation.
   */
  public static Map<String, String> change(List<TemplateParameter> declared, Map<String, String> current,
      Map<String, String> given) {
    given.forEach((name, value) -> declared.stream().filter(p -> p.name().equals(name)).findFirst()
        .filter(p -> !p.mutable() && !value.equals(current.get(name)))
        .ifPresent(p -> {
          throw new InvalidInputException("parameters." + name, "cannot change after the workspace was created");
        }));
    Map<String, String> merged = carriedOver(declared, current);
    merged.putAll(given);
    return resolve(declared, merged);
  }

  /** The current values of the parameters a (new) template version still declares. */
  public static Map<String, String> carriedOver(List<TemplateParameter> declared, Map<String, String> current) {
    Map<String, String> kept = new LinkedHashMap<>();
    declared.forEach(p -> {
      if (current.containsKey(p.name())) {
        kept.put(p.name(), current.get(p.name()));
      }
    });
    return kept;
  }

  /** Env vars for the container: each value under the parameter's env name. */
  public static Map<String, String> env(List<TemplateParameter> declared, Map<String, String> values) {
    Map<String, String> env = new LinkedHashMap<>();
    declared.forEach(p -> {
      if (values.containsKey(p.name())) {
        env.put(p.envName(), values.get(p.name()));
      }
    });
    return env;
  }

  /** Why {@code value} is not acceptable for {@code p}, or null when it is. */
  static String problem(TemplateParameter p, String value) {
    if (!p.options().isEmpty() && !p.options().contains(value)) {
      return "must be one of " + String.join(", ", p.options());
    }
    return switch (p.type()) {
      case BOOLEAN -> "true".equals(value) || "false".equals(value) ? null : "must be true or false";
      case NUMBER -> numberProblem(p, value);
      case STRING -> textProblem(p, value);
    };
  }

  private static String textProblem(TemplateParameter p, String value) {
    if (value.length() > MAX_TEXT) {
      return "is longer than " + MAX_TEXT + " characters";
    }
    if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
      return "must not contain control characters (other than tab and line breaks)";
    }
    return p.pattern() != null && !Pattern.compile(p.pattern()).matcher(value).matches() ? "must match " + p.pattern() : null;
  }

  private static String numberProblem(TemplateParameter p, String value) {
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return "must be a number";
    }
    if (!Double.isFinite(number) || Math.abs(number) > MAX_MAGNITUDE) {
      return "must be a finite number of at most 10^15 in size";
    }
    if (p.min() != null && number < p.min()) {
      return "must be at least " + format(p.min());
    }
    if (p.max() != null && number > p.max()) {
      return "must be at most " + format(p.max());
    }
    return null;
  }

  private static String format(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }
}
