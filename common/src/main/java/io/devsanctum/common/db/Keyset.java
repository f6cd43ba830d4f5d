package io.devsanctum.common.db;

import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.paging.Cursor;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A list's order as SQL, and the one way a list is read page by page (keyset pagination): the
 * columns it sorts by, all in one direction and together unique, so that a row's place never
 * depends on what was inserted or deleted around it. A page is the rows after the cursor's key (a
 * row-value comparison that follows the order exactly, so an index on the same columns serves
 * it), read one more than the page holds to know without counting whether a next page exists; the
 * next cursor is the key of the last row kept.
 */
public final class Keyset {

  /** How a sort column's value is carried in a cursor. */
  public enum KeyType {
    TIMESTAMP, UUID, INTEGER, BIGINT, TEXT
  }

  /** PostgreSQL's timestamps end here: a cursor's time outside them came from no list. */
  private static final int FIRST_YEAR = 1;
  private static final int LAST_YEAR = 9999;

  /**
   * A sort column: {@code expression} as the query names it (e.g. {@code w.created_at}), read
   * back from a row by its {@code name} (the expression without its table alias).
   */
  public record Column(String expression, KeyType type) {

    String name() {
      return expression.substring(expression.lastIndexOf('.') + 1);
    }
  }

  private final List<Column> columns;
  private final boolean descending;

  private Keyset(boolean descending, Column... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("a keyset needs a column");
    }
    this.columns = List.of(columns);
    this.descending = descending;
  }

  public static Keyset ascending(Column... columns) {
    return new Keyset(false, columns);
  }

  public static Keyset descending(Column... columns) {
    return new Keyset(true, columns);
  }

  public static Column timestamp(String expression) {
    return new Column(expression, KeyType.TIMESTAMP);
  }

  public static Column uuid(String expression) {
    return new Column(expression, KeyType.UUID);
  }

  public static Column integer(String expression) {
    return new Column(expression, KeyType.INTEGER);
  }

  public static Column bigint(String expression) {
    return new Column(expression, KeyType.BIGINT);
  }

  public static Column text(String expression) {
    return new Column(expression, KeyType.TEXT);
  }

  /** The ORDER BY clause's columns. */
  public String orderBy() {
    String direction = descending ? " DESC" : "";
    return columns.stream().map(column -> column.expression() + direction).collect(Collectors.joining(", "));
  }

  /**
   * One page of {@code select} (which must return the sort columns under their names) filtered by
   * {@code conditions} (SQL on fixed columns; values only as {@code params}).
   */
  public <T> Future<Page<T>> page(SqlClient client, String select, List<String> conditions, Map<String, Object> params,
      PageRequest request, Function<Row, T> item) {
    return readablePage(client, select, conditions, params, request, row -> Optional.of(item.apply(row)));
  }

  /**
   * As {@link #page}, for rows some of which cannot be read as items ({@code item} answers empty
   * for them, having logged why): those are left out, and the page may hold fewer than asked, but
   * the next one still starts after the last row read, so none is read twice or skipped.
   */
  public <T> Future<Page<T>> readablePage(SqlClient client, String select, List<String> conditions,
      Map<String, Object> params, PageRequest request, Function<Row, Optional<T>> item) {
    Cursor after;
    try {
      after = request.after();
    } catch (InvalidInputException notOurs) {
      return Future.failedFuture(notOurs);
    }
    Map<String, Object> all = new HashMap<>(params);
    List<String> where = new ArrayList<>(conditions);
    if (after != null) {
      if (after.keys().size() != columns.size()) {
        return Future.failedFuture(Cursor.invalid());
      }
      where.add("(" + columns.stream().map(Column::expression).collect(Collectors.joining(", ")) + ")"
          + (descending ? " < (" : " > (")
          + IntStream.range(0, columns.size()).mapToObj(i -> "#{after" + i + "}").collect(Collectors.joining(", "))
          + ")");
      for (int i = 0; i < columns.size(); i++) {
        Optional<Object> key = parse(columns.get(i).type(), after.key(i));
        if (key.isEmpty()) {
          return Future.failedFuture(Cursor.invalid());
        }
        all.put("after" + i, key.get());
      }
    }
    all.put("pageLimit", request.limit() + 1);
    String sql = select + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY " + orderBy() + " LIMIT #{pageLimit}";
    return SqlTemplate.forQuery(client, sql).execute(all).map(rows -> {
      List<Row> read = new ArrayList<>(rows.size());
      rows.forEach(read::add);
      Page<Row> page = Page.of(read, request, this::position);
      return new Page<>(page.items().stream().map(item).flatMap(Optional::stream).toList(), page.nextCursor());
    });
  }

  private Cursor position(Row row) {
    return new Cursor(columns.stream().map(column -> String.valueOf(switch (column.type()) {
      case TIMESTAMP -> row.getOffsetDateTime(column.name());
      case UUID -> row.getUUID(column.name());
      case INTEGER -> row.getInteger(column.name());
      case BIGINT -> row.getLong(column.name());
      case TEXT -> row.getString(column.name());
    })).toList());
  }

  /**
   * A cursor's key as its column's value; empty when the cursor came from another list, or holds
   * what no row of PostgreSQL's can (a time outside its range, a NUL in text): a forged cursor is
   * the client's mistake, never the database's error.
   */
  private static Optional<Object> parse(KeyType type, String key) {
    try {
      return switch (type) {
        case TIMESTAMP -> {
          OffsetDateTime time = OffsetDateTime.parse(key);
          yield time.getYear() >= FIRST_YEAR && time.getYear() <= LAST_YEAR ? Optional.of(time) : Optional.empty();
        }
        case UUID -> Optional.of(UUID.fromString(key));
        case INTEGER -> Optional.of(Integer.valueOf(key));
        case BIGINT -> Optional.of(Long.valueOf(key));
        case TEXT -> key.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(key);
      };
    } catch (DateTimeParseException | IllegalArgumentException notThisList) {
      return Optional.empty();
    }
  }
}
