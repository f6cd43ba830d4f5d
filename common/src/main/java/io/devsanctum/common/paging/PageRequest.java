package io.devsanctum.common.paging;

import io.devsanctum.common.validation.NumberRules;
import io.vertx.core.json.JsonObject;

/**
 * Which page of a list a client asks for: at most {@code limit} items after the position a
 * previous page's {@code nextCursor} names (none: from the start). The one way every list of the
 * API is paged: workspaces now, users, templates, deployments, tokens and the audit log later. On
 * the bus a request carries {@code limit} and {@code cursor} beside its filters; the answer carries
 * its items and {@code nextCursor} ({@link Page}).
 */
public record PageRequest(int limit, Cursor after) {

  /** What a page holds when the client does not say. */
  public static final int DEFAULT_LIMIT = 100;
  /** The most a page may hold: enough for a dashboard to show a long list in a few requests. */
  public static final int MAX_LIMIT = 500;
  public static final String LIMIT = "limit";
  public static final String CURSOR = "cursor";
  public static final String NEXT_CURSOR = "nextCursor";

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The first page of the default size. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /** From a bus request's {@code limit} and {@code cursor}; VALIDATION when either is not what a page takes. */
  public static PageRequest from(JsonObject request) {
    Integer limit = NumberRules.wholeNumber(LIMIT, request.getValue(LIMIT), 1, MAX_LIMIT);
    Object cursor = request.getValue(CURSOR);
    if (cursor != null && !(cursor instanceof String)) {
      throw Cursor.invalid();
    }
    return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor == null ? null : Cursor.parse((String) cursor));
  }

  /** The bus request's paging fields. */
  public JsonObject applyTo(JsonObject request) {
    request.put(LIMIT, limit);
    if (after != null) {
      request.put(CURSOR, after.encoded());
    }
    return request;
  }
}
