package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The API tokens that sign scripts and this CLI in, each limited to its scopes. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Your API tokens.",
    subcommands = {TokenCommands.Ls.class, TokenCommands.Create.class, TokenCommands.Rm.class})
final class TokenCommands {

  private static final String PATH = "/api/v1/api-tokens";

  private static final List<Output.Column> COLUMNS = List.of(Output.Column.of("NAME", "name"),
      Output.Column.of("ID", "id"), new Output.Column("SCOPES", TokenCommands::scopes),
      Output.Column.of("CREATED", "createdAt"), Output.Column.of("LAST USED", "lastUsedAt"),
      Output.Column.of("EXPIRES", "expiresAt"));

  static String scopes(JsonNode token) {
    return StreamSupport.stream(token.path("scopes").spliterator(), false).map(JsonNode::asText)
        .collect(Collectors.joining(","));
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Your API tokens (never their values), newest first.")
  static final class Ls extends CliCommand {
    @Override
    int execute(Output out) throws Exception {
      out.rows(api().all(PATH, "tokens"), COLUMNS);
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an API token and print its value: it is shown only this once.")
  static final class Create extends CliCommand {

    @Parameters(index = "0", description = "a name for it, e.g. ci-deploy")
    String name;

    @Option(names = "--scope", paramLabel = "SCOPE", converter = ScopeConverter.class, completionCandidates = Scopes.class,
        description = "what it may be used for (repeatable): ${COMPLETION-CANDIDATES}; default: all (whatever you may do)."
            + " Only scopes your role has; elsewhere the token is refused with 403 naming the scope it lacks")
    List<String> scopes = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Expiry expiry;

    static final class Expiry {
      @Option(names = "--expires-at", paramLabel = "TIME", converter = AtConverter.class,
          description = "when it stops working: an ISO time (" + Times.ISO_FORMS + "; without an offset in the local zone)")
      Instant at;

      @Option(names = "--expires-in", paramLabel = "SPAN", converter = SpanConverter.class,
          description = "how long it works: " + Times.SPAN_FORMS + "; default (without either): it does not expire")
      Duration in;

      Instant instant(Clock clock) {
        return at != null ? at : clock.instant().plus(in);
      }
    }

    /** The request's body; {@code scopes} only when chosen, so the server's default (all) applies otherwise. */
    ObjectNode body(Clock clock) {
      ObjectNode body = Api.JSON.createObjectNode().put("name", name);
      if (!scopes.isEmpty()) {
        new LinkedHashSet<>(scopes).forEach(body.putArray("scopes")::add);
      }
      if (expiry != null) {
        body.put("expiresAt", expiry.instant(clock).toString());
      }
      return body;
    }

    @Override
    int execute(Output out) throws Exception {
      JsonNode created = api().post(PATH, body(Clock.systemUTC()));
      out.one(created, "Created token " + name + " (" + created.path("id").asText() + "), scopes " + scopes(created)
          + ", " + (created.path("expiresAt").isTextual() ? "expires " + created.path("expiresAt").asText() : "does not expire")
          + ":\n" + created.path("token").asText()
          + "\nThis is the only time it is shown: keep it now (`devsanctum login <url> --token …` signs in with it).");
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Revoke a token: it stops working at once.")
  static final class Rm extends CliCommand {

    @Parameters(index = "0", paramLabel = "NAME-OR-ID", description = "the token's name or id")
    String token;

    @Override
    int execute(Output out) throws Exception {
      Api api = api();
      List<JsonNode> tokens = StreamSupport.stream(api.all(PATH, "tokens").spliterator(), false).toList();
      JsonNode found = tokens.stream().filter(candidate -> candidate.path("id").asText().equalsIgnoreCase(token)).findFirst()
          .or(() -> tokens.stream().filter(candidate -> candidate.path("name").asText().equals(token)).findFirst())
          .orElseThrow(() -> new CliException(CliException.NOT_FOUND, "no API token with the name or id " + token));
      api.delete(PATH + "/" + found.path("id").asText());
      out.one(found, "Revoked " + found.path("name").asText() + " (" + found.path("id").asText() + ")");
      return 0;
    }
  }

  /** The scopes a token may name: the contract's {@code Scope} enum. */
  static final class Scopes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Contract.enumOf("Scope").iterator();
    }
  }

  /** A scope, checked against the contract's names before the server is asked. */
  static final class ScopeConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      List<String> known = Contract.enumOf("Scope");
      if (!known.contains(value)) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a scope (one of: " + String.join(", ", known) + ")");
      }
      return value;
    }
  }

  static final class AtConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return Times.iso(value, Clock.systemDefaultZone().getZone()).orElseThrow(() -> new CommandLine.TypeConversionException(
          "'" + value + "' is not an ISO time (" + Times.ISO_FORMS + ")"));
    }
  }

  static final class SpanConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Times.span(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "'" + value + "' is not a span of time (" + Times.SPAN_FORMS + ")"));
    }
  }
}
