package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditContract;
import io.devsanctum.common.contract.audit.AuditFilter;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditTargetType;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/audit}: a page of the audit log as JSON, or (with {@code format=csv} or
 * {@code Accept: text/csv}) the whole filtered range from the cursor on as CSV, streamed page by
 * page as the log is read (never held whole).
 */
public class AuditRoutes {

  static final List<String> CSV_COLUMNS = List.of("occurredAt", "actorKind", "actorId", "actorName", "action",
      "targetType", "targetId", "targetName", "success", "status", "code", "clientAddress", "userAgent", "requestId",
      "before", "after");

  private final AuditContract audit;

  public AuditRoutes(AuditContract audit) {
    this.audit = audit;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("listAuditEvents").addHandler(ctx -> {
      Caller caller = AuthenticationHandler.caller(ctx);
      AuditFilter filter;
      PageRequest page;
      try {
        filter = filter(ctx);
        page = ApiPages.request(ctx);
      } catch (RuntimeException refused) {
        ctx.fail(refused);
        return;
      }
      if (wantsCsv(ctx)) {
        // the first page is read before anything is sent, so a refusal is still a problem answer
        audit.page(caller, filter, page).onSuccess(first -> {
          HttpServerResponse response = ctx.response().setChunked(true)
              .putHeader("Content-Type", "text/csv; charset=utf-8")
              .putHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
          response.write(csvLine(CSV_COLUMNS));
          stream(caller, filter, page.limit(), first, response);
        }).onFailure(ctx::fail);
        return;
      }
      audit.page(caller, filter, page)
          .onSuccess(found -> ApiResponses.send(ctx, 200, ApiPages.body("events", found)))
          .onFailure(ctx::fail);
    });
  }

  /** Writes the page, then reads and writes the next one once this one is written, to the end. */
  private void stream(Caller caller, AuditFilter filter, int limit, Page<AuditRecord> page,
      HttpServerResponse response) {
    Buffer rows = Buffer.buffer();
    page.items().forEach(record -> rows.appendString(csvLine(row(record))));
    Future<Void> written = response.write(rows);
    if (page.nextCursor() == null) {
      written.onComplete(done -> response.end());
      return;
    }
    written.compose(done -> audit.page(caller, filter, new PageRequest(limit, page.nextCursor())))
        .onSuccess(next -> stream(caller, filter, limit, next, response))
        // the status has been sent: a failure midway can only cut the download short, which the client sees
        .onFailure(failure -> response.reset());
  }

  private static AuditFilter filter(RoutingContext ctx) {
    Object action = ApiRequest.query(ctx, "action");
    Object targetType = ApiRequest.query(ctx, "targetType");
    Object result = ApiRequest.query(ctx, "result");
    Object from = ApiRequest.query(ctx, "from");
    Object to = ApiRequest.query(ctx, "to");
    Object actorName = ApiRequest.query(ctx, "actorName");
    return new AuditFilter(ApiRequest.queryUuid(ctx, "actor"), actorName == null ? null : actorName.toString(),
        action == null ? null : AuditAction.fromWire(action.toString()),
        targetType == null ? null : AuditTargetType.fromWire(targetType.toString()),
        ApiRequest.queryUuid(ctx, "targetId"), result == null ? null : "success".equals(result),
        from == null ? null : ApiRequest.dateTime("from", from.toString()),
        to == null ? null : ApiRequest.dateTime("to", to.toString()));
  }

  private static boolean wantsCsv(RoutingContext ctx) {
    Object format = ApiRequest.query(ctx, "format");
    if (format != null) {
      return "csv".equals(format);
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("text/csv");
  }

  static List<String> row(AuditRecord r) {
    return Stream.of(r.occurredAt(), r.actor().kind().wireName(), r.actor().userId(), r.actor().name(),
            r.action().wireName(), r.target().type().wireName(), r.target().id(), r.target().name(), r.result().success(),
            r.result().status(), r.result().code(), r.clientAddress(), r.userAgent(), r.requestId(),
            ContractJson.toJson(new TreeMap<>(r.change().before())).encode(),
            ContractJson.toJson(new TreeMap<>(r.change().after())).encode())
        .map(value -> value == null ? "" : value.toString())
        .toList();
  }

  static String csvLine(List<String> fields) {
    return fields.stream().map(AuditRoutes::csvField).collect(Collectors.joining(",")) + "\r\n";
  }

  /**
   * RFC 4180 quoting; a field a spreadsheet would run as a formula (=, +, -, @, tab or carriage
   * return first) is prefixed with an apostrophe, since names and user agents are the clients' own text.
   */
  static String csvField(String value) {
    String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !looksNumeric(value)
        ? "'" + value : value;
    return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
        ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }

  private static boolean looksNumeric(String value) {
    return value.matches("-?[0-9.]+");
  }
}
