package io.devsanctum.auth.repository;

import io.devsanctum.auth.model.User;
import io.vertx.core.Future;
import java.util.Optional;

/** Persistence of users. */
public interface UserRepository {

  Future<Long> count();

  /**
   * Inserts the user only while no user exists at all, atomically: the first-admin step
   * cannot be won twice by racing requests. Completes with false when a user already existed.
   */
  Future<Boolean> insertIfNoneExists(User user);

  Future<Optional<User>> findByEmailOrUsername(String login);
}
