package io.devsanctum.common.validation;

import io.devsanctum.common.bus.BusFailure;
import java.math.BigDecimal;

/**
 * Numbers as a service accepts them from a request: of the expected kind and within bounds, so
 * nothing silently wraps ({@code (int) 4294967297L} is 1), overflows a PostgreSQL integer, or is
 * stored as Infinity. Failures are VALIDATION "field: reason".
 */
public final class NumberRules {

  private NumberRules() {
  }

  /** A whole number in [min, max]; null when absent (the caller decides about defaults). */
  public static Integer wholeNumber(String field, Object value, int min, int max) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || !isWhole(number)) {
      throw BusFailure.invalid(field, "must be a whole number");
    }
    BigDecimal exact = new BigDecimal(number.toString());
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw BusFailure.invalid(field, "between " + min + " and " + max);
    }
    return exact.intValueExact();
  }

  /** A finite number in [-limit, limit]; null when absent. */
  public static Double finite(String field, Object value, double limit) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw BusFailure.invalid(field, "must be a finite number");
    }
    if (Math.abs(number.doubleValue()) > limit) {
      String bound = BigDecimal.valueOf(limit).toPlainString();
      throw BusFailure.invalid(field, "between -" + bound + " and " + bound);
    }
    return number.doubleValue();
  }

  private static boolean isWhole(Number number) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      return Double.isFinite(d) && d == Math.rint(d);
    }
    if (number instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().scale() <= 0;
    }
    return true;
  }
}
