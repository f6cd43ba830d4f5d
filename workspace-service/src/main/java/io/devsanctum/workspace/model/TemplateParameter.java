package io.devsanctum.workspace.model;

import java.util.List;

/**
 * A value a user fills in when creating a workspace; it reaches the container as the env var
 * {@code envName()}. Immutable parameters cannot change after creation.
 *
 * @param pattern  for strings, a regular expression the whole value must match (null: any)
 * @param min      for numbers, the smallest value allowed (null: no bound)
 * @param max      for numbers, the largest value allowed (null: no bound)
 * @param options  when not empty, the only values allowed
 */
public record TemplateParameter(
    String name,
    String displayName,
    String description,
    ParameterType type,
    String defaultValue,
    boolean required,
    boolean mutable,
    String pattern,
    Double min,
    Double max,
    List<String> options) {

  /** {@code PARAM_<NAME>}, upper-cased: the env var the value is passed in. */
  public String envName() {
    return "PARAM_" + name.toUpperCase().replace('-', '_');
  }
}
