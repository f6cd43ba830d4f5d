package io.devsanctum.common.paging;

import io.devsanctum.common.bus.Nullable;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items in the list's order, and where the next page starts (absent on
 * the last page), as a client gives it back in {@link PageRequest#cursor()}. A list asks its store
 * for one item more than the page holds, to know whether a next page exists without counting
 * ({@link #of}).
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

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
    return new Page<>(kept, position.apply(kept.get(kept.size() - 1)).encoded());
  }

  /** The same page with its items replaced as a whole (e.g. decorated by one more query for all of them). */
  public <R> Future<Page<R>> withItems(Function<List<T>, Future<List<R>>> replaced) {
    return replaced.apply(items).map(decorated -> new Page<>(decorated, nextCursor));
  }

  /** The same page with each item mapped (e.g. decorated for an API answer). */
  public <R> Page<R> map(Function<T, R> item) {
    return new Page<>(items.stream().map(item).toList(), nextCursor);
  }
}
