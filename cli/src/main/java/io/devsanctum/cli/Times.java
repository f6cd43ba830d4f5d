package io.devsanctum.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times and spans of time as the CLI's options take them: one set of forms for every command. */
final class Times {

  /** The ISO forms taken, for messages. */
  static final String ISO_FORMS = "2026-12-01T10:00:00Z, 2026-12-01T10:00, 2026-12-01";
  /** The span forms taken, for messages. */
  static final String SPAN_FORMS = "30m, 1h, 2d, 1w";

  private static final Pattern SPAN = Pattern.compile("(\\d{1,9})([smhdw])");

  private Times() {
  }

  /** A span such as {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d} or {@code 1w}; empty when it is not one. */
  static Optional<Duration> span(String value) {
    Matcher span = SPAN.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!span.matches()) {
      return Optional.empty();
    }
    Duration unit = switch (span.group(2)) {
      case "s" -> Duration.ofSeconds(1);
      case "m" -> Duration.ofMinutes(1);
      case "h" -> Duration.ofHours(1);
      case "d" -> Duration.ofDays(1);
      default -> Duration.ofDays(7);
    };
    return Optional.of(unit.multipliedBy(Long.parseLong(span.group(1))));
  }

  /** An ISO time; one without an offset is in {@code zone}, a day alone is its start there. Empty when it is none. */
  static Optional<Instant> iso(String value, ZoneId zone) {
    String text = value.strip();
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      // a local time, or a day
    }
    try {
      return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
    } catch (DateTimeParseException notLocal) {
      // a day
    }
    try {
      return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toInstant());
    } catch (DateTimeParseException notADay) {
      return Optional.empty();
    }
  }
}
