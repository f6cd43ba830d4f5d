package io.devsanctum.gateway.middleware;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.RetryAfter;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure handler: every failure becomes a problem+json body with the right status.
 * Contract violations name the field and the reason; service failures keep their
 * {@link ErrorCode}; anything unexpected is a 500 whose details stay in the log. A client's
 * mistake is logged once, as one INFO line without a stack trace.
 */
public class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.failure() instanceof ReplyException reply) {
      RetryAfter.seconds(reply).ifPresent(seconds -> ctx.response().putHeader("Retry-After", Long.toString(seconds)));
    }
    Problem problem = problemFor(ctx);
    if (problem.status() < 500) {
      logRefusal(ctx.request().method().name(), ctx.request().path(), problem);
    }
    problem.send(ctx);
  }

  /** The one log line a refused request gets (its request id is in the line's context). */
  public static void logRefusal(String method, String path, Problem problem) {
    LOG.info("{} {} refused: {} {}{}", method, shortened(path), problem.status(), problem.slug(),
        problem.detail() == null ? "" : " (" + shortened(problem.detail()) + ")");
  }

  private static String shortened(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private Problem problemFor(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException invalid) {
      failure = invalid;
    }
    if (failure instanceof ValidatorException invalid) {
      JsonArray errors = fieldErrors(invalid);
      return Problem.of(400, ErrorCode.VALIDATION.slug(), "Invalid request", describe(invalid, errors))
          .withErrors(errors);
    }
    if (failure instanceof ReplyException reply) {
      return fromService(reply);
    }
    if (failure instanceof HttpException http) {
      return forStatus(http.getStatusCode(), http.getPayload());
    }
    if (failure != null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // refused by Vert.x Web itself (a missing Host, a body over the limit): the client's doing
      return forStatus(ctx.statusCode(), failure.getMessage());
    }
    if (failure != null) {
      LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      return forStatus(500, null);
    }
    return forStatus(ctx.statusCode(), null);
  }

  private static Problem fromService(ReplyException reply) {
    ErrorCode code = ErrorCode.of(reply);
    if (reply.failureType() == ReplyFailure.TIMEOUT || reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return Problem.of(503, code.slug(), "Service unavailable",
          "a backing service did not answer (" + reply.failureType().name().toLowerCase() + "); try again shortly");
    }
    if (code == ErrorCode.INTERNAL) {
      return forStatus(500, null);
    }
    Problem problem = Problem.of(code.httpStatus(), code.slug(), title(code.httpStatus()), reply.getMessage());
    if (reply instanceof BusFailure refused && !refused.fieldErrors().isEmpty()) {
      problem = problem.withErrors(new JsonArray(refused.fieldErrors().stream()
          .map(error -> new JsonObject().put("field", error.field()).put("reason", error.reason()))
          .toList()));
    }
    return problem;
  }

  /** The problem for a bare status; a 500 never shows {@code detail}, which stays in the log. */
  public static Problem forStatus(int status, String detail) {
    int effective = status < 400 ? 500 : status;
    String slug = switch (effective) {
      case 400 -> ErrorCode.VALIDATION.slug();
      case 401 -> ErrorCode.UNAUTHENTICATED.slug();
      case 403 -> ErrorCode.FORBIDDEN.slug();
      case 404 -> ErrorCode.NOT_FOUND.slug();
      case 405 -> "method-not-allowed";
      case 408 -> "request-timeout";
      case 409 -> ErrorCode.CONFLICT.slug();
      case 413 -> "payload-too-large";
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 422 -> ErrorCode.UNPROCESSABLE.slug();
      case 426 -> "upgrade-required";
      case 429 -> ErrorCode.RATE_LIMITED.slug();
      case 431 -> "header-fields-too-large";
      case 503 -> ErrorCode.UNAVAILABLE.slug();
      case 505 -> "http-version-not-supported";
      default -> effective < 500 ? "bad-request" : ErrorCode.INTERNAL.slug();
    };
    String shown = effective == 500 ? "an unexpected error occurred; the request id identifies it in the server log" : detail;
    return Problem.of(effective, slug, title(effective), shown);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Authentication required";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 408 -> "Request timeout";
      case 409 -> "Conflict";
      case 413 -> "Request body too large";
      case 414 -> "Request URI too long";
      case 415 -> "Unsupported media type";
      case 422 -> "Unprocessable request";
      case 426 -> "Upgrade required";
      case 429 -> "Too many requests";
      case 431 -> "Request header fields too large";
      case 503 -> "Service unavailable";
      case 505 -> "HTTP version not supported";
      default -> status < 500 ? "Request refused" : "Internal server error";
    };
  }

  /** Each schema error as {field, reason}, with the field as a JSON pointer into the body. */
  static JsonArray fieldErrors(ValidatorException invalid) {
    List<OutputUnit> leaves = new ArrayList<>();
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      collect(schema.getOutputUnit(), leaves);
    }
    // The validator also reports the enclosing "properties" keyword, an "additionalProperties"
    // echo for declared properties that failed, and a "$ref" echo of the referenced schema's
    // failure: each repeats the real reason, so they are dropped.
    Set<String> fieldsWithReasons = new LinkedHashSet<>();
    List<OutputUnit> reasons = new ArrayList<>();
    for (OutputUnit unit : leaves) {
      String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
      if (keyword.endsWith("/properties") || keyword.endsWith("/additionalProperties") || keyword.endsWith("/$ref")) {
        continue;
      }
      reasons.add(unit);
      fieldsWithReasons.add(field(unit));
    }
    for (OutputUnit unit : leaves) {
      String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
      String field = field(unit);
      if (keyword.endsWith("/additionalProperties")
          && fieldsWithReasons.stream().noneMatch(f -> f.equals(field) || f.startsWith(field + "/"))) {
        reasons.add(unit); // a genuinely unknown property
      }
    }
    JsonArray errors = new JsonArray();
    reasons.forEach(unit -> errors.add(new JsonObject().put("field", field(unit)).put("reason", unit.getError())));
    if (errors.isEmpty()) {
      errors.add(new JsonObject().put("field", "").put("reason", invalid.getMessage()));
    }
    return errors;
  }

  private static String describe(ValidatorException invalid, JsonArray errors) {
    if (!(invalid instanceof SchemaValidationException)) {
      return invalid.getMessage();
    }
    Set<String> fields = new LinkedHashSet<>();
    errors.forEach(e -> fields.add(((JsonObject) e).getString("field")));
    if (fields.equals(Set.of("/"))) {
      return invalid.getMessage(); // a parameter or the body as a whole: the validator's words name it
    }
    return "invalid " + (fields.size() == 1 ? "field " : "fields ") + String.join(", ", fields);
  }

  private static String field(OutputUnit unit) {
    String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation().replaceFirst("^#", "");
    return location.isEmpty() ? "/" : location;
  }

  private static void collect(OutputUnit unit, List<OutputUnit> into) {
    List<OutputUnit> nested = unit.getErrors();
    if (nested != null && !nested.isEmpty()) {
      nested.forEach(child -> collect(child, into));
    } else if (unit.getError() != null) {
      into.add(unit);
    }
  }
}
