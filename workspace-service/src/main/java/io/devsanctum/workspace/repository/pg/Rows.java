package io.devsanctum.workspace.repository.pg;

import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small conversions from row sets that every repository here needs. */
final class Rows {

  private Rows() {
  }

  static <T> List<T> list(RowSet<T> rows) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(list::add);
    return list;
  }

  static <T> Optional<T> first(RowSet<T> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }
}
