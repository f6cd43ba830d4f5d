package io.devsanctum.common.paging;

import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A position in an ordered list: the sort key of the last item a page held, as the list's own
 * order defines it (for workspaces: created at, then id). Clients get and give it back as an
 * opaque base64url string; nothing in it is a secret or a permission, since every page is
 * filtered by who asks.
 */
public record Cursor(List<String> keys) {

  /** Long enough for any key a list sorts by; the contract bounds it the same. */
  public static final int MAX_LENGTH = 512;

  public Cursor {
    keys = List.copyOf(keys);
  }

  public static Cursor of(String... keys) {
    return new Cursor(List.of(keys));
  }

  public String encoded() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonArray(List.copyOf(keys)).encode()
        .getBytes(StandardCharsets.UTF_8));
  }

  /** A cursor as a client gave it back; VALIDATION when it is not one a page gave. */
  public static Cursor parse(String encoded) {
    if (encoded.isEmpty() || encoded.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      JsonArray keys = new JsonArray(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
      if (keys.isEmpty() || !keys.stream().allMatch(String.class::isInstance)) {
        throw invalid();
      }
      return new Cursor(keys.stream().map(String.class::cast).toList());
    } catch (IllegalArgumentException | DecodeException malformed) {
      throw invalid();
    }
  }

  /** The key at {@code index}, for a list that knows how many it put in; VALIDATION when there is none. */
  public String key(int index) {
    if (index >= keys.size()) {
      throw invalid();
    }
    return keys.get(index);
  }

  static ReplyException invalid() {
    return ErrorCode.VALIDATION.exception("cursor: not a cursor from a previous page of this list");
  }
}
