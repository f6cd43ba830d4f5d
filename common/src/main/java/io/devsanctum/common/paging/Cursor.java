package io.devsanctum.common.paging;

import io.devsanctum.common.domain.InvalidInputException;
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

  /** A cursor as a client gave it back; {@link InvalidInputException} when it is not one a page gave. */
  public static Cursor parse(String encoded) {
    if (encoded.isEmpty() || encoded.length() > PageRequest.MAX_CURSOR_LENGTH) {
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

  /** The key at {@code index}, for a list that knows how many it put in; invalid input when there is none. */
  public String key(int index) {
    if (index >= keys.size()) {
      throw invalid();
    }
    return keys.get(index);
  }

  /** The refusal of a cursor no page of this list gave. */
  public static InvalidInputException invalid() {
    return new InvalidInputException(PageRequest.CURSOR, "not a cursor from a previous page of this list");
  }
}
