package io.devsanctum.common.contract.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an autostart schedule next fires, in its own time zone, across daylight-saving changes. */
class AutostartTest {

  private static final Autostart DAILY_0230_BERLIN = new Autostart(List.of(DayOfWeek.values()), "02:30", "Europe/Berlin");

  @Test
  void firesOnTheNextScheduledDayAtItsLocalTime() {
    Autostart mondays = new Autostart(List.of(DayOfWeek.MONDAY), "09:00", "America/New_York");

    // Monday 1 June 2026, 09:00 EDT (UTC-4); asked at that very instant, the next is a week on
    assertThat(mondays.nextAfter(Instant.parse("2026-06-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-06-01T13:00:00Z"));
    assertThat(mondays.nextAfter(Instant.parse("2026-06-01T13:00:00Z"))).isEqualTo(Instant.parse("2026-06-08T13:00:00Z"));
  }

  @Test
  void aTimeTheClocksJumpOverFiresTheLengthOfTheJumpLater() {
    // 29 March 2026: Berlin's clocks go from 02:00 CET to 03:00 CEST, so 02:30 does not exist
    assertThat(DAILY_0230_BERLIN.nextAfter(Instant.parse("2026-03-28T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
    assertThat(DAILY_0230_BERLIN.nextAfter(Instant.parse("2026-03-29T01:30:00Z")))
        .isEqualTo(Instant.parse("2026-03-30T00:30:00Z")); // 02:30 CEST
  }

  @Test
  void aTimeThatHappensTwiceFiresOnce() {
    // 25 October 2026: Berlin's clocks go back from 03:00 CEST to 02:00 CET, so 02:30 comes twice
    Instant first = DAILY_0230_BERLIN.nextAfter(Instant.parse("2026-10-24T12:00:00Z"));
    assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 CEST
    assertThat(DAILY_0230_BERLIN.nextAfter(first)).isEqualTo(Instant.parse("2026-10-26T01:30:00Z")); // 02:30 CET, a day on
  }

  @Test
  void aScheduleWithoutDaysOrWithAnUnknownZoneIsUnreadable() {
    assertThat(new Autostart(List.of(), "08:00", "UTC").isReadable()).isFalse();
    assertThat(new Autostart(List.of(DayOfWeek.MONDAY), "08:00", "Mars/Olympus").isReadable()).isFalse();
    assertThat(new Autostart(List.of(DayOfWeek.MONDAY), "8 am", "UTC").isReadable()).isFalse();
    assertThat(new Autostart(List.of(DayOfWeek.MONDAY), "08:00", "Asia/Kolkata").isReadable()).isTrue();
  }
}
