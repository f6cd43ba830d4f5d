package io.devsanctum.auth.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.auth.model.ScopedUser;
import io.devsanctum.common.contract.auth.ApiToken;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.common.contract.auth.Role;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** API tokens, stored only as SHA-256 hashes. "Live" means neither revoked nor expired. */
public interface ApiTokenRepository {

  /** Fails with {@link DuplicateKeyException} ("name") when the user has a live token of that name. */
  Future<ApiToken> insert(ApiToken token, byte[] tokenHash, AuditRecord audit);

  /** A page of the user's unrevoked tokens (expired ones included, so their owner sees them), newest first. */
  Future<Page<ApiToken>> pageUnrevoked(UUID userId, PageRequest page);

  Future<Optional<ApiToken>> findUnrevoked(UUID tokenId);

  /**
   * Each write here stores {@code audit} (its record) in the outbox in the same transaction. An
   * admin's revocation names the role of the token's owner it was authorized on (null: the owner's
   * own) and fails with {@link RoleChangedException} when that role changed in between.
   */
  Future<Void> revoke(UUID tokenId, UUID ownerId, Role ownerDecidedOn, AuditRecord audit);

  /**
   * The active user a live token belongs to, with the token's scopes, recording the use; last_used_at is written at most
   * once a minute per token so authentication stays a read in the common case.
   */
  Future<Optional<ScopedUser>> useLiveToken(byte[] tokenHash);
}
