package io.devsanctum.common.contract.workspace;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A workspace's autostart schedule: on these days of the week, at this time of day ({@code HH:mm}),
 * in this IANA time zone (so it follows the zone's daylight-saving changes).
 */
public record Autostart(List<DayOfWeek> days, String time, String timezone) {

  public Autostart {
    days = List.copyOf(EnumSet.copyOf(days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : days));
  }

  /** The time of day; DateTimeException when it is not {@code HH:mm}. */
  public LocalTime localTime() {
    return LocalTime.parse(time);
  }

  /** The zone; DateTimeException when it is not an IANA zone id. */
  public ZoneId zone() {
    return ZoneId.of(timezone);
  }

  /** Whether every part can be read: days given, a time of day, a zone. */
  public boolean isReadable() {
    try {
      localTime();
      zone();
      return !days.isEmpty();
    } catch (DateTimeException unreadable) {
      return false;
    }
  }

  /**
   * The first scheduled instant after {@code after}. On a day the time of day does not exist (the
   * clocks jump over it) it is that time moved on by the jump (02:30 becomes 03:30); on a day it
   * happens twice (the clocks go back), the first of the two.
   */
  public Instant nextAfter(Instant after) {
    ZoneId zone = zone();
    LocalTime at = localTime();
    Set<DayOfWeek> on = EnumSet.copyOf(days);
    LocalDate day = after.atZone(zone).toLocalDate();
    for (int i = 0; i <= 7; i++, day = day.plusDays(1)) {
      if (on.contains(day.getDayOfWeek())) {
        Instant candidate = ZonedDateTime.of(day, at, zone).toInstant();
        if (candidate.isAfter(after)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("an autostart schedule without days");
  }
}
