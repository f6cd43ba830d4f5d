package io.devsanctum.auth.repository;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Failed sign-ins by key ({@code account:…}, {@code address:…}), where every instance sees them. */
public interface SignInFailureRepository {

  Future<Void> record(List<String> keys, Instant at);

  /** The newest {@code limit} failure times of the key after {@code since}, newest first. */
  Future<List<Instant>> newest(String key, Instant since, int limit);

  Future<Void> forget(String key);

  /** Deletes failures at or before {@code cutoff}; how many. */
  Future<Integer> purge(Instant cutoff);
}
