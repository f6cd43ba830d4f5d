package io.devsanctum.auth.repository;

import io.vertx.core.Future;

/** Keys the auth-service keeps for itself, shared by every instance. */
public interface ServerSecretRepository {

  /** The secret stored under {@code name}; {@code candidate} is stored first when there is none (first writer wins). */
  Future<byte[]> getOrCreate(String name, byte[] candidate);
}
