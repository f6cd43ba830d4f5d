package io.devsanctum.gateway.middleware;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.zip.CRC32C;

/**
 * A GET answer with a weak {@code ETag} (its length and CRC-32C), answered 304 without a body when
 * the request's {@code If-None-Match} names it: a client polling a list gets the body only when
 * the list changed. Weak because the same data may be encoded differently (compressed or not).
 */
public final class ConditionalGet {

  private ConditionalGet() {
  }

  /** 200 with the JSON {@code body} and its ETag, or 304 without it when the request names that ETag. */
  public static void answer(RoutingContext ctx, Buffer body) {
    String tag = etag(body);
    ctx.response().putHeader(HttpHeaders.ETAG, tag);
    if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
      ctx.response().setStatusCode(304).end();
    } else {
      ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
  }

  static String etag(Buffer body) {
    CRC32C crc = new CRC32C();
    crc.update(body.getBytes());
    return "W/\"" + Integer.toHexString(body.length()) + "-" + Long.toHexString(crc.getValue()) + "\"";
  }

  /** RFC 9110 §13.1.2: any of the listed tags, compared weakly, or {@code *}. */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = tag.substring(2);
    for (String candidate : ifNoneMatch.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.equals("*") || trimmed.equals(tag) || trimmed.equals(opaque)) {
        return true;
      }
    }
    return false;
  }
}
