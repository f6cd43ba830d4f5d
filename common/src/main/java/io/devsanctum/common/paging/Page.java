package io.devsanctum.common.paging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items in the list's order, and where the next page starts (null on the
 * last page). A list asks its store for one item more than the page holds, to know whether a next
 * page exists without counting ({@link #of}).
 */
public record Page<T>(List<T> items, Cursor next) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page out of up to {@code limit + 1} items read in order: when there are more than
   * {@code limit}, the next page starts after the last one kept, at {@code position} of it.
   */
  public static <T> Page<T> of(List<T> read, PageRequest request, Function<T, Cursor> position) {
    if (read.size() <= request.limit()) {
      return new Page<>(read, null);
    }
    List<T> kept = read.subList(0, request.limit());
    return new Page<>(kept, position.apply(kept.get(kept.size() - 1)));
  }

  /** The bus answer: the items under {@code name}, and {@code nextCursor}. */
  public JsonObject toJson(String name, Function<T, Object> item) {
    JsonArray array = new JsonArray(new ArrayList<>(items.size()));
    items.forEach(i -> array.add(item.apply(i)));
    return new JsonObject().put(name, array).put(PageRequest.NEXT_CURSOR, next == null ? null : next.encoded());
  }
}
