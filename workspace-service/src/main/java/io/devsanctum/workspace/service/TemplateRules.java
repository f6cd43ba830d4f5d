package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.workspace.model.AppPort;
import io.devsanctum.workspace.model.TemplateParameter;
import io.devsanctum.workspace.model.TemplateSpec;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a template spec must satisfy before any workspace can be built from it. */
public final class TemplateRules {

  private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
  private static final Pattern PARAMETER_NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");

  private TemplateRules() {
  }

  public static void validate(TemplateSpec spec) {
    if (spec.image() == null || spec.image().isBlank() || spec.image().contains(" ")) {
      throw ErrorCode.VALIDATION.exception("spec.image: an image reference is required");
    }
    if (spec.homePath() == null || !spec.homePath().startsWith("/") || spec.homePath().equals("/")) {
      throw ErrorCode.VALIDATION.exception("spec.homePath: must be an absolute path below /");
    }
    validateApps(spec);
    if (spec.cpuMillis() < 100 || spec.cpuMillis() > 64_000) {
      throw ErrorCode.VALIDATION.exception("spec.cpuMillis: between 100 and 64000");
    }
    if (spec.memoryMb() < 64 || spec.memoryMb() > 262_144) {
      throw ErrorCode.VALIDATION.exception("spec.memoryMb: between 64 and 262144");
    }
    if (spec.pidsLimit() < 16 || spec.pidsLimit() > 65_536) {
      throw ErrorCode.VALIDATION.exception("spec.pidsLimit: between 16 and 65536");
    }
    if (spec.startupTimeoutSeconds() < 5 || spec.startupTimeoutSeconds() > 1800) {
      throw ErrorCode.VALIDATION.exception("spec.startupTimeoutSeconds: between 5 and 1800");
    }
    spec.env().keySet().forEach(name -> {
      if (!ENV_NAME.matcher(name).matches()) {
        throw ErrorCode.VALIDATION.exception("spec.env: '" + name + "' is not a valid variable name");
      }
    });
    validateParameters(spec);
  }

  private static void validateApps(TemplateSpec spec) {
    if (spec.apps().isEmpty()) {
      throw ErrorCode.VALIDATION.exception("spec.apps: at least one app port is required");
    }
    Set<String> names = new HashSet<>();
    long defaults = 0;
    for (AppPort app : spec.apps()) {
      WorkspaceNames.require("spec.apps.name", app.name());
      if (!names.add(app.name())) {
        throw ErrorCode.VALIDATION.exception("spec.apps: app '" + app.name() + "' is listed twice");
      }
      if (app.port() < 1 || app.port() > 65535) {
        throw ErrorCode.VALIDATION.exception("spec.apps.port: " + app.port() + " is not a TCP port");
      }
      if (app.isDefault()) {
        defaults++;
      }
    }
    if (defaults > 1) {
      throw ErrorCode.VALIDATION.exception("spec.apps: only one app can be the default");
    }
  }

  private static void validateParameters(TemplateSpec spec) {
    Set<String> names = new HashSet<>();
    for (TemplateParameter p : spec.parameters()) {
      if (p.name() == null || !PARAMETER_NAME.matcher(p.name()).matches()) {
        throw ErrorCode.VALIDATION.exception("spec.parameters.name: '" + p.name()
            + "' must be 1-32 of a-z, 0-9, '_' or '-', starting with a letter");
      }
      if (!names.add(p.name())) {
        throw ErrorCode.VALIDATION.exception("spec.parameters: '" + p.name() + "' is listed twice");
      }
      if (p.pattern() != null) {
        try {
          Pattern.compile(p.pattern());
        } catch (PatternSyntaxException e) {
          throw ErrorCode.VALIDATION.exception("spec.parameters." + p.name() + ".pattern: not a valid regular expression");
        }
      }
      if (p.defaultValue() != null) {
        String problem = ParameterValues.problem(p, p.defaultValue());
        if (problem != null) {
          throw ErrorCode.VALIDATION.exception("spec.parameters." + p.name() + ".default: " + problem);
        }
      }
    }
  }
}
