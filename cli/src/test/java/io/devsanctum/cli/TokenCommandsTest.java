package io.devsanctum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TokenCommandsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void withoutScopesTheBodyLeavesThemToTheServersDefault() {
    JsonNode body = parse("ci").body(CLOCK);
    assertThat(body.toString()).isEqualTo("{\"name\":\"ci\"}");
  }

  @Test
  void chosenScopesAreSentOnceEachInTheOrderGiven() {
    JsonNode body = parse("ci", "--scope", "workspaces:read", "--scope", "workspaces:connect", "--scope", "workspaces:read")
        .body(CLOCK);
    assertThat(body.path("scopes").toString()).isEqualTo("[\"workspaces:read\",\"workspaces:connect\"]");
  }

  @Test
  void theScopesTakenAreTheContractsScopeEnum() {
    assertThat(new TokenCommands.Scopes()).containsExactly("all", "workspaces:read", "workspaces:write",
        "workspaces:connect", "templates:read", "templates:write", "users:read", "users:write", "audit:read");
  }

  @Test
  void anUnknownScopeIsAUsageErrorListingTheKnownOnesBeforeTheServerIsAsked() {
    StringWriter err = new StringWriter();
    int status = DevSanctumCli.run(new String[] {"tokens", "create", "ci", "--scope", "workspaces:delete"},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("'workspaces:delete' is not a scope (one of: all, workspaces:read,")
        .doesNotContain("Exception");
  }

  @Test
  void anExpiryIsAnIsoTimeOrASpanFromNowButNotBoth() {
    assertThat(parse("ci", "--expires-in", "30d").body(CLOCK).path("expiresAt").asText()).isEqualTo("2026-12-31T12:00:00Z");
    assertThat(parse("ci", "--expires-at", "2027-01-02T03:04:05+01:00").body(CLOCK).path("expiresAt").asText())
        .isEqualTo("2027-01-02T02:04:05Z");
    assertThatThrownBy(() -> parse("ci", "--expires-at", "2027-01-02T00:00:00Z", "--expires-in", "1d"))
        .isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class);
    assertThatThrownBy(() -> parse("ci", "--expires-in", "soon")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'soon' is not a span of time (30m, 1h, 2d, 1w)");
  }

  @Test
  void createsHelpNamesEveryScope() {
    StringWriter out = new StringWriter();
    assertThat(DevSanctumCli.run(new String[] {"tokens", "create", "--help"}, new PrintWriter(out),
        new PrintWriter(new StringWriter()))).isZero();
    assertThat(out.toString()).contains("Usage: devsanctum tokens create", "workspaces:connect", "audit:read",
        "--expires-in", "shown only this once");
  }

  private static TokenCommands.Create parse(String... args) {
    TokenCommands.Create command = new TokenCommands.Create();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
