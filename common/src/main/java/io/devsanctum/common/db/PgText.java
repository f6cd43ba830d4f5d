package io.devsanctum.common.db;

import io.vertx.core.json.JsonObject;

/**
 * Text as PostgreSQL can store it. Its {@code text} and {@code jsonb} hold no NUL character, which
 * a client may still send inside JSON ({@code "\u0000"}); where such text is kept as it came (the
 * audit log records the login a refused sign-in gave), the NUL is stored as U+FFFD instead of
 * failing the write.
 */
public final class PgText {

  private static final char NUL = '\0';
  private static final char REPLACEMENT = '\uFFFD';

  private PgText() {
  }

  public static String storable(String text) {
    return text == null || text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
  }

  /** {@code json} with every NUL in its strings (keys and values) replaced. */
  public static JsonObject storable(JsonObject json) {
    String encoded = json.encode();
    // JSON writes a NUL as its escape, which jsonb refuses as well
    return encoded.contains("\\u0000") ? new JsonObject(encoded.replace("\\u0000", "\\ufffd")) : json;
  }
}
