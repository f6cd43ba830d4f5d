package io.devsanctum.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContractTimesTest {

  /** What the contract's times were before ContractTimes: the JSR-310 module's own codec. */
  private static final ObjectMapper MODULE_ONLY = new ObjectMapper().registerModule(new JavaTimeModule())
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private static OffsetDateTime randomTime(Random random) {
    int[] precisions = {0, 1, 3, 6, 9};
    int digits = precisions[random.nextInt(precisions.length)];
    int nanos = digits == 0 ? 0 : (int) (random.nextInt(1_000_000_000) / Math.pow(10, 9 - digits)) * (int) Math.pow(10, 9 - digits);
    ZoneOffset offset = random.nextInt(3) == 0 ? ZoneOffset.UTC
        : ZoneOffset.ofTotalSeconds((random.nextInt(36 * 60 + 1) - 18 * 60) * 60);
    return OffsetDateTime.of(random.nextInt(9999) + 1, random.nextInt(12) + 1, random.nextInt(28) + 1,
        random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos, offset);
  }

  @Test
  void aTimeIsWrittenExactlyAsTheIsoFormatterWritesIt() throws Exception {
    Random random = new Random(12);
    for (int i = 0; i < 20_000; i++) {
      OffsetDateTime time = randomTime(random);

      assertThat(ContractJson.MAPPER.writeValueAsString(time))
          .isEqualTo(MODULE_ONLY.writeValueAsString(time))
          .isEqualTo('"' + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) + '"');
    }
  }

  @Test
  void aTimeIsReadAsTheModuleReadsItIntoUtc() throws Exception {
    Random random = new Random(34);
    for (int i = 0; i < 20_000; i++) {
      String json = '"' + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(randomTime(random)) + '"';

      OffsetDateTime read = ContractJson.MAPPER.readValue(json, OffsetDateTime.class);

      assertThat(read).isEqualTo(MODULE_ONLY.readValue(json, OffsetDateTime.class));
      assertThat(read.getOffset()).isEqualTo(ZoneOffset.UTC);
    }
  }

  @Test
  void otherFormsOfATimeAreLeftToTheModule() throws Exception {
    for (String text : List.of("2026-12-01T19:30Z", "2026-12-01t19:30:24Z", "+12026-12-01T19:30:24Z",
        "2026-12-01T19:30:24.5+01:00:30", "2026-12-01T19:30:24.123456789+05:30", "0001-01-01T00:00:00Z")) {
      String json = '"' + text + '"';

      assertThat(ContractJson.MAPPER.readValue(json, OffsetDateTime.class))
          .isEqualTo(MODULE_ONLY.readValue(json, OffsetDateTime.class));
    }
    OffsetDateTime secondsInTheOffset = OffsetDateTime.of(2026, 12, 1, 19, 30, 24, 0, ZoneOffset.ofTotalSeconds(3630));
    assertThat(ContractJson.MAPPER.writeValueAsString(secondsInTheOffset))
        .isEqualTo(MODULE_ONLY.writeValueAsString(secondsInTheOffset));
  }

  public record Formatted(@JsonFormat(pattern = "yyyy-MM-dd HH:mm xxx") OffsetDateTime at) {
  }

  @Test
  void aTimeWithAFormatOfItsOwnIsWrittenAndReadAsTheModuleDoes() throws Exception {
    Formatted formatted = new Formatted(OffsetDateTime.of(2026, 12, 1, 19, 30, 0, 0, ZoneOffset.ofHours(2)));

    String json = ContractJson.MAPPER.writeValueAsString(formatted);

    assertThat(json).isEqualTo(MODULE_ONLY.writeValueAsString(formatted));
    assertThat(ContractJson.MAPPER.readValue(json, Formatted.class)).isEqualTo(MODULE_ONLY.readValue(json, Formatted.class));
  }

  /** The general parser's own leniency (24:00, 30 February) and refusals stay as they were. */
  @Test
  void aStringOutsideTheCanonicalFormIsReadOrRefusedAsTheModuleDoes() {
    for (String text : List.of("2026-13-01T19:30:24Z", "2026-02-30T19:30:24Z", "2026-12-01T24:00:00Z",
        "2026-12-01T19:30:24.Z", "2026-12-01T19:30:24.1234567890Z", "2026-12-01T19:30:24+19:00",
        "2026-12-0\u0661T19:30:24Z", "yesterday", "")) {
      String json = '"' + text + '"';

      assertThat(outcome(ContractJson.MAPPER, json)).as(text).isEqualTo(outcome(MODULE_ONLY, json));
    }
    assertThatThrownBy(() -> ContractJson.MAPPER.readValue("\"2026-13-01T19:30:24Z\"", OffsetDateTime.class))
        .isInstanceOf(InvalidFormatException.class);
  }

  private static Object outcome(ObjectMapper mapper, String json) {
    try {
      return mapper.readValue(json, OffsetDateTime.class);
    } catch (Exception refused) {
      return refused.getClass();
    }
  }
}
