package io.devsanctum.common.bus;

/** One wrong input: which field (a JSON pointer into the request, or a parameter's name) and why. */
public record FieldError(String field, String reason) {
}
