package io.devsanctum.common.paging;

import io.devsanctum.common.bus.Nullable;
import io.devsanctum.common.contract.ApiDocument;
import io.vertx.core.json.JsonObject;

/**
 * Which page of a list a client asks for: at most {@code limit} items after the position a
 * previous page's {@code nextCursor} names (absent: from the start). The one way every list of the
 * API is paged: workspaces now, users, templates, deployments, tokens and the audit log later. The
 * bounds are the API document's {@code Limit} and {@code Cursor} parameters.
 */
public record PageRequest(int limit, @Nullable String cursor) {

  public static final String LIMIT = "limit";
  public static final String CURSOR = "cursor";
  private static final JsonObject LIMIT_SCHEMA = parameterSchema("Limit");
  /** What a page holds when the client does not say. */
  public static final int DEFAULT_LIMIT = LIMIT_SCHEMA.getInteger("default");
  /** The most a page may hold: enough for a dashboard to show a long list in a few requests. */
  public static final int MAX_LIMIT = LIMIT_SCHEMA.getInteger("maximum");
  /** Long enough for any key a list sorts by. */
  public static final int MAX_CURSOR_LENGTH = parameterSchema("Cursor").getInteger("maxLength");

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The first page of the default size. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /** From a client's {@code limit} and {@code cursor} (either absent). */
  public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
    return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor);
  }

  /** Where the page starts: null for the first; invalid input when the cursor is not one a page gave. */
  public Cursor after() {
    return cursor == null ? null : Cursor.parse(cursor);
  }

  private static JsonObject parameterSchema(String name) {
    return ApiDocument.document().getJsonObject("components").getJsonObject("parameters").getJsonObject(name)
        .getJsonObject("schema");
  }
}
