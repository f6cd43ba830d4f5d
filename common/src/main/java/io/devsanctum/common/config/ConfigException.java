package io.devsanctum.common.config;

/** A configuration value that cannot be used; the message names the variable. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
