package io.devsanctum.common.validation;

import io.devsanctum.common.bus.BusFailure;

/**
 * What text a service accepts, whoever sent it: no control characters (NUL, which PostgreSQL
 * refuses in text and jsonb, included), except tab, line feed and carriage return in multi-line
 * text, and a bounded length. The gateway's contract states the same for HTTP callers; services
 * check again because they never trust their callers. Failures are VALIDATION "field: reason".
 */
public final class TextRules {

  private TextRules() {
  }

  /** {@code value} unchanged when it is one line of at most {@code maxLength} characters; null passes. */
  public static String singleLine(String field, String value, int maxLength) {
    return check(field, value, maxLength, false);
  }

  /** As {@link #singleLine}, with tab, line feed and carriage return allowed. */
  public static String multiLine(String field, String value, int maxLength) {
    return check(field, value, maxLength, true);
  }

  private static String check(String field, String value, int maxLength, boolean multiLine) {
    if (value == null) {
      return null;
    }
    if (value.length() > maxLength) {
      throw BusFailure.invalid(field, "at most " + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
        throw BusFailure.invalid(field, "must not contain control characters" + (multiLine ? " (other than tab and line breaks)" : " or line breaks"));
      }
    }
    return value;
  }
}
