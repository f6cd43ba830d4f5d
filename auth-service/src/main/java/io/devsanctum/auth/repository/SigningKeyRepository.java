package io.devsanctum.auth.repository;

import io.devsanctum.auth.model.SigningKey;
import io.vertx.core.Future;
import java.util.List;

/** Key pairs that sign access tokens. */
public interface SigningKeyRepository {

  /** Keys not retired, newest first: the first signs, all of them verify. */
  Future<List<SigningKey>> activeKeys();

  /**
   * Stores the key only if no active key exists, serialised across instances, so several
   * instances starting at once end up sharing one key. Callers re-read {@link #activeKeys()}.
   */
  Future<Void> insertIfNoneActive(SigningKey key);
}
