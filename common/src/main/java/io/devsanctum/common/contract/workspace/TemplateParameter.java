package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.devsanctum.common.bus.Nullable;
import java.util.List;

/**
 * A value a user fills in when creating a workspace; it reaches the container as the env var
 * {@code envName()}. Immutable parameters cannot change after creation.
 *
 * @param pattern  for strings, a regular expression the whole value must match (null: any)
 * @param min      for numbers, the smallest value allowed (null: no bound)
 * @param max      for numbers, the largest value allowed (null: no bound)
 * @param options  when not empty, the only values allowed
 * @param defaultValue the value taken when none is given ({@code default} on the wire); null: none
 */
public record TemplateParameter(
    String name,
    @Nullable String displayName,
    @Nullable String description,
    @Nullable ParameterType type,
    @JsonProperty("default") @Nullable String defaultValue,
    boolean required,
    @Nullable Boolean mutable,
    @Nullable String pattern,
    @Nullable Double min,
    @Nullable Double max,
    List<String> options) {

  /** Absent display fields are the name and nothing; absent type is string; parameters are mutable unless said otherwise. */
  public TemplateParameter {
    displayName = displayName == null ? name : displayName;
    description = description == null ? "" : description;
    type = type == null ? ParameterType.STRING : type;
    mutable = mutable == null || mutable;
    // a bound that is no number (Infinity, NaN) cannot be compared with: such a parameter cannot exist
    if (min != null && !Double.isFinite(min) || max != null && !Double.isFinite(max)) {
      throw new IllegalArgumentException("parameter " + name + ": min and max must be finite numbers");
    }
  }

  /** {@code PARAM_<NAME>}, upper-cased: the env var the value is passed in. */
  public String envName() {
    return "PARAM_" + name.toUpperCase().replace('-', '_');
  }
}
