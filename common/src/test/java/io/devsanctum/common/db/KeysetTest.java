package io.devsanctum.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.paging.Cursor;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one keyset mechanism, against a real PostgreSQL: followed page by page, a list gives each row
 * once in its order even when rows share a sort key but the last; rows left out as unreadable do
 * not move the next page; a cursor no page of the list could give is VALIDATION on {@code cursor}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysetTest {

  private static final Keyset NEWEST_FIRST = Keyset.descending(Keyset.timestamp("created_at"), Keyset.uuid("id"));
  private static final Keyset BY_NAME = Keyset.ascending(Keyset.text("name"));
  private static final Keyset BY_NUMBER = Keyset.descending(Keyset.integer("number"));
  private static final String SELECT = "SELECT id, created_at, name, number FROM items";

  private Vertx vertx;
  private Pool pool;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, TestDatabase.freshDatabase(), "keyset-test");
    // 50 rows, five to a creation instant: only the id orders those five
    pool.query("""
        CREATE TABLE items AS
          SELECT gen_random_uuid() AS id,
                 timestamptz '2026-01-01 00:00:00+00' + (n / 5) * interval '1 microsecond' AS created_at,
                 'item-' || lpad(n::text, 2, '0') AS name, n AS number
            FROM generate_series(1, 50) AS n""").execute().await();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  void rowsSharingAnInstantAreEachListedOnceInIdOrder() {
    List<String> expected = new ArrayList<>();
    pool.query("SELECT id FROM items ORDER BY created_at DESC, id DESC").execute().await()
        .forEach(row -> expected.add(row.getUUID("id").toString()));

    assertThat(followed(NEWEST_FIRST, 7, row -> row.getUUID("id").toString())).containsExactlyElementsOf(expected);
  }

  @Test
  void aTextKeyAndAnIntegerKeyPageInTheirDirections() {
    assertThat(followed(BY_NAME, 6, row -> row.getString("name")))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(n -> String.format("item-%02d", n)).toList());
    assertThat(followed(BY_NUMBER, 8, row -> row.getInteger("number")))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).map(n -> 51 - n).boxed().toList());
  }

  @Test
  void aPageWithRowsLeftOutStillEndsAfterTheLastRowRead() {
    Page<Integer> first = BY_NUMBER.readablePage(pool, SELECT, List.of(), Map.of(), new PageRequest(10, null),
        row -> row.getInteger("number") % 2 == 0 ? Optional.<Integer>empty() : Optional.of(row.getInteger("number")))
        .await();
    assertThat(first.items()).containsExactly(49, 47, 45, 43, 41);

    Page<Integer> second = BY_NUMBER.page(pool, SELECT, List.of(), Map.of(), new PageRequest(1, first.nextCursor()),
        row -> row.getInteger("number")).await();
    assertThat(second.items()).containsExactly(40);
  }

  @Test
  void aCursorNoPageOfTheListCouldGiveIsInvalidCursorInput() {
    for (Cursor forged : List.of(Cursor.of("not a time", "00000000-0000-0000-0000-000000000000"),
        Cursor.of("2026-01-01T00:00Z", "not an id"), Cursor.of("2026-01-01T00:00Z"))) {
      assertThatThrownBy(() -> NEWEST_FIRST.page(pool, SELECT, List.of(), Map.of(),
          new PageRequest(5, forged.encoded()), row -> row).await())
          .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.field()).isEqualTo("cursor"));
    }
    assertThatThrownBy(() -> BY_NUMBER.page(pool, SELECT, List.of(), Map.of(),
        new PageRequest(5, Cursor.of("twelve").encoded()), row -> row).await())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aCursorHoldingWhatNoRowCanIsInvalidCursorInputNotADatabaseError() {
    // well-formed for Java, refused by PostgreSQL: out of its timestamps' range, a NUL in text
    assertThatThrownBy(() -> NEWEST_FIRST.page(pool, SELECT, List.of(), Map.of(),
        new PageRequest(5, Cursor.of("-5000-01-01T00:00Z", "00000000-0000-0000-0000-000000000000").encoded()),
        row -> row).await())
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.field()).isEqualTo("cursor"));
    assertThatThrownBy(() -> BY_NAME.page(pool, SELECT, List.of(), Map.of(),
        new PageRequest(5, Cursor.of("a\0b").encoded()), row -> row).await())
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.field()).isEqualTo("cursor"));
  }

  /** Every row, following the cursors {@code limit} at a time; each page full but the last. */
  private <T> List<T> followed(Keyset keyset, int limit, Function<io.vertx.sqlclient.Row, T> item) {
    List<T> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<T> page = keyset.page(pool, SELECT, List.of(), Map.of(), new PageRequest(limit, cursor), item).await();
      if (page.nextCursor() != null) {
        assertThat(page.items()).hasSize(limit);
      }
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }
}
