package io.devsanctum.common.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of environment variables with defaults. A malformed value fails start-up with a
 * message naming the variable, rather than surfacing later as a confusing runtime error.
 */
public final class Env {

  private final Map<String, String> variables;

  public Env(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  @Override
  public String toString() {
    return "Env[" + variables.size() + " variables]"; // values may be secrets: never print them
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public String string(String name, String defaultValue) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  /** The value, or null when unset or blank. */
  public String optional(String name) {
    return string(name, null);
  }

  public int integer(String name, int defaultValue) {
    String value = optional(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be an integer, got '" + value + "'");
    }
  }

  public int port(String name, int defaultValue) {
    int port = integer(name, defaultValue);
    if (port < 0 || port > 65535) {
      throw new ConfigException(name + " must be a TCP port (0-65535), got " + port);
    }
    return port;
  }

  public boolean bool(String name, boolean defaultValue) {
    String value = optional(name);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
    };
  }

  public List<String> list(String name, List<String> defaultValue) {
    String value = optional(name);
    if (value == null) {
      return defaultValue;
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public Path path(String name, Path defaultValue) {
    String value = optional(name);
    return value == null ? defaultValue : Path.of(value);
  }
}
