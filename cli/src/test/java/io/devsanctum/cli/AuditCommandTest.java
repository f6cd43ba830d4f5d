package io.devsanctum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AuditCommandTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private final AuditCommand.TimeConverter times =
      new AuditCommand.TimeConverter(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")));

  @Test
  void aTimeAgoCountsBackFromNow() {
    assertThat(times.convert("90s")).isEqualTo(NOW.minusSeconds(90));
    assertThat(times.convert("30m")).isEqualTo(NOW.minusSeconds(30 * 60));
    assertThat(times.convert("1h")).isEqualTo(NOW.minusSeconds(3600));
    assertThat(times.convert("2d")).isEqualTo(NOW.minusSeconds(2 * 86400));
    assertThat(times.convert("1w")).isEqualTo(NOW.minusSeconds(7 * 86400));
  }

  @Test
  void isoTimesWithoutAnOffsetAreInTheLocalZone() {
    assertThat(times.convert("2026-12-01T10:00:00Z")).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(times.convert("2026-12-01T10:00:00+02:00")).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(times.convert("2026-12-01T10:00")).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    assertThat(times.convert("2026-12-01")).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
  }

  @Test
  void anythingElseIsAUsageErrorSayingWhatIsTaken() {
    assertThatThrownBy(() -> times.convert("yesterday")).isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("'yesterday' is neither an ISO time").hasMessageContaining("1h");
  }

  @Test
  void theActorIsAskedForByIdWhenItIsOneAndByNameOtherwise() {
    AuditCommand byName = parse("--actor", "ada", "--action", "workspace.create", "--since", "2026-12-01T10:00:00Z");
    assertThat(byName.query(Map.of("limit", "500")))
        .isEqualTo("actorName=ada&action=workspace.create&from=2026-12-01T10%3A00%3A00Z&limit=500");
    AuditCommand byId = parse("--actor", "6f1c2a70-3d5e-4c9b-8a1f-0e2d3c4b5a69", "--target-type", "user", "--result", "refused");
    assertThat(byId.query(Map.of())).isEqualTo("actor=6f1c2a70-3d5e-4c9b-8a1f-0e2d3c4b5a69&targetType=user&result=refused");
  }

  private static AuditCommand parse(String... args) {
    AuditCommand command = new AuditCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
