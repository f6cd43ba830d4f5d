package io.devsanctum.auth.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.auth.model.AccessChange;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence of users. Each write stores {@code audit}, its record, in the outbox in its transaction.
 *
 * <p>{@code decidedOn}: the role of the user the change was authorized on (null: the change does
 * not depend on it). A write given one fails with {@link RoleChangedException}, changing nothing,
 * when the stored role is another by then: whether a user admin may change an account depends on
 * that role, and the check is not in the write's transaction.
 */
public interface UserRepository {

  Future<Long> count();

  /**
   * Inserts the user only while no user exists at all, atomically: the first-admin step
   * cannot be won twice by racing requests. Completes with false when a user already existed.
   */
  Future<Boolean> insertIfNoneExists(StoredUser user, AuditRecord audit);

  /**
   * Completes with the user as stored (with the database's creation time); fails with
   * {@link DuplicateKeyException} naming "email" or "username" when one is taken.
   */
  Future<StoredUser> insert(StoredUser user, AuditRecord audit);

  Future<Optional<StoredUser>> findByEmailOrUsername(String login);

  /** The user with this email, compared case-insensitively as the unique index does. */
  Future<Optional<StoredUser>> findByEmail(String email);

  Future<Optional<StoredUser>> findById(UUID id);

  /** A page of all users, oldest first (created at, then id). */
  Future<Page<StoredUser>> page(PageRequest page);

  /** The users of these ids that exist, in no particular order. */
  Future<List<StoredUser>> findByIds(Collection<UUID> ids);

  /**
   * Applies the change and completes with the updated user (empty when there is no such user).
   * Fails with {@link NoActiveAdminLeftException}, changing nothing, when afterwards no user
   * would be an active admin; concurrent changes are serialised so they cannot jointly do so.
   */
  Future<Optional<StoredUser>> updateAccess(UUID id, Role decidedOn, AccessChange change, AuditRecord audit);

  /**
   * Stores a new password hash; {@code mustChange} marks it as a one-time password from an admin's
   * reset. The updated user, or empty when there is no such user.
   */
  Future<Optional<StoredUser>> updatePassword(UUID id, Role decidedOn, String passwordHash, boolean mustChange,
      AuditRecord audit);

  /**
   * Deletes the user with everything that is theirs in this schema (sessions, tokens, identities);
   * whether they existed. Fails with {@link NoActiveAdminLeftException}, deleting nothing, when
   * they are the last active admin.
   */
  Future<Boolean> delete(UUID id, Role decidedOn, AuditRecord audit);
}
