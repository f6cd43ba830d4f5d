package io.devsanctum.auth.repository;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Failed sign-ins by key ({@code pair:…}, {@code address:…}, {@code account:…}, {@code device:…}), where every instance sees them. */
public interface SignInFailureRepository {

  /**
   * Atomically for its keys (concurrent attempts wait for each other): when every key has fewer
   * failures after {@code since} than its limit, records one at {@code at} for each and returns
   * their ids; otherwise records nothing and returns empty.
   */
  Future<Optional<List<Long>>> reserve(Map<String, Integer> limits, Instant at, Instant since);

  /** The newest {@code limit} failure times of the key after {@code since}, newest first. */
  Future<List<Instant>> newest(String key, Instant since, int limit);

  /** Removes the key's failures, and the rows {@code ids} (of any key). */
  Future<Void> forget(String key, List<Long> ids);

  /** How many failures each key has after {@code since}, for keys with at least {@code atLeast}. */
  Future<Map<String, Long>> countsSince(Instant since, int atLeast);

  /** Removes the failures of every key matching one of the SQL LIKE patterns; how many. */
  Future<Integer> forgetKeysLike(List<String> patterns);

  /** Deletes failures at or before {@code cutoff}; how many. */
  Future<Integer> purge(Instant cutoff);
}
