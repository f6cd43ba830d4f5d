package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devsanctum audit}: the audit log (auditors and owners), filtered, newest first; every
 * matching record (pages followed to the end) or the first {@code --limit}; a table, JSON, or the
 * API's CSV export. Its own output option, since only it offers CSV.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The audit log, newest first: who did what, when, from where (auditors and owners).")
final class AuditCommand implements Callable<Integer> {

  /** The most records the API puts on one page. */
  static final int PAGE_LIMIT = 500;

  enum Format { table, json, csv }

  @Option(names = {"-o", "--output"}, defaultValue = "table",
      description = "table (for people), json (every record, for scripts) or csv (the API's export); default: ${DEFAULT-VALUE}")
  Format format;

  @Option(names = "--actor", description = "who acted: a user's name or id, or schedule / reconciler")
  String actor;

  @Option(names = "--action", description = "what was done, e.g. workspace.create, session.sign-in")
  String action;

  @Option(names = "--target-type", description = "user, token, ssh-key, template or workspace")
  String targetType;

  @Option(names = "--target-id", description = "the id of what was acted on")
  UUID targetId;

  @Option(names = "--result", description = "success or refused")
  String result;

  @Option(names = "--since", converter = TimeConverter.class,
      description = "records at or after this time: ISO (2026-12-01T10:00:00Z, 2026-12-01T10:00, 2026-12-01) or a time ago (30m, 1h, 2d, 1w)")
  Instant since;

  @Option(names = "--until", converter = TimeConverter.class, description = "records before this time (as --since)")
  Instant until;

  @Option(names = "--limit", description = "at most this many records (newest first); default: all that match")
  Integer limit;

  @Spec
  CommandSpec spec;

  static final List<Output.Column> COLUMNS = List.of(
      Output.Column.of("TIME", "occurredAt"),
      new Output.Column("ACTOR", r -> r.path("actor").path("name").asText(r.path("actor").path("kind").asText())),
      Output.Column.of("ACTION", "action"),
      new Output.Column("TARGET", r -> r.path("target").path("type").asText() + " "
          + r.path("target").path("name").asText(r.path("target").path("id").asText("-"))),
      new Output.Column("RESULT", r -> r.path("result").path("success").asBoolean() ? "success"
          : "refused " + r.path("result").path("status").asText("")),
      Output.Column.of("CLIENT", "clientAddress"));

  @Override
  public Integer call() throws Exception {
    if (limit != null && limit < 1) {
      throw new CliException(CliException.REFUSED, "--limit must be at least 1");
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new CliException(CliException.REFUSED, "--since must be before --until");
    }
    if (format == Format.csv && limit != null) {
      throw new CliException(CliException.REFUSED,
          "--limit does not apply to --output csv (the export is the whole range: narrow it with --since and --until)");
    }
    try {
      return list(CliCommand.api());
    } catch (CliException refused) {
      if (refused.status() == 403) {
        throw new CliException(refused.exitCode(), "the audit log is for auditors and owners (HTTP 403): " + refused.getMessage(),
            refused.status());
      }
      throw refused;
    }
  }

  private int list(Api api) {
    if (format == Format.csv) {
      api.download("/api/v1/audit?" + query(Map.of("format", "csv")), "text/csv", spec.commandLine().getOut());
      return 0;
    }
    Output out = new Output(format == Format.json ? Output.Format.json : Output.Format.table, spec.commandLine().getOut());
    try {
      out.rows(records(api), COLUMNS);
    } finally {
      out.flush();
    }
    return 0;
  }

  /** Every matching record (or the first {@code --limit}), page after page. */
  private ArrayNode records(Api api) {
    ArrayNode records = Api.JSON.createArrayNode();
    String cursor = null;
    do {
      int wanted = limit == null ? PAGE_LIMIT : Math.min(PAGE_LIMIT, limit - records.size());
      Map<String, String> paging = new LinkedHashMap<>();
      paging.put("limit", String.valueOf(wanted));
      if (cursor != null) {
        paging.put("cursor", cursor);
      }
      JsonNode page = api.get("/api/v1/audit?" + query(paging));
      page.path("events").forEach(records::add);
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null && (limit == null || records.size() < limit));
    return records;
  }

  /** The filter's query string, with {@code more} after it. */
  String query(Map<String, String> more) {
    Map<String, String> query = new LinkedHashMap<>();
    if (actor != null) {
      query.put(isUuid(actor) ? "actor" : "actorName", actor);
    }
    put(query, "action", action);
    put(query, "targetType", targetType);
    put(query, "targetId", targetId);
    put(query, "result", result);
    put(query, "from", since);
    put(query, "to", until);
    query.putAll(more);
    return query.entrySet().stream().map(e -> e.getKey() + "=" + Api.encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static void put(Map<String, String> query, String name, Object value) {
    if (value != null) {
      query.put(name, value.toString());
    }
  }

  private static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException notOne) {
      return false;
    }
  }

  /** A time as --since/--until take it: an ISO time (local ones in this machine's zone), or a time ago. */
  static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {

    private final Clock clock;

    TimeConverter() {
      this(Clock.systemDefaultZone());
    }

    TimeConverter(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
      return Times.span(value).map(ago -> clock.instant().minus(ago))
          .or(() -> Times.iso(value, clock.getZone()))
          .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
              + "' is neither an ISO time (" + Times.ISO_FORMS + ") nor a time ago (" + Times.SPAN_FORMS + ")"));
    }
  }
}
