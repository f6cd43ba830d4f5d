package io.devsanctum.auth.repository;

import io.devsanctum.auth.model.ScopedUser;
import io.devsanctum.common.contract.auth.ApiToken;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API tokens, stored only as SHA-256 hashes. "Live" means neither revoked nor expired. */
public interface ApiTokenRepository {

  /** Fails with {@link DuplicateKeyException} ("name") when the user has a live token of that name. */
  Future<ApiToken> insert(ApiToken token, byte[] tokenHash);

  /** The user's unrevoked tokens (expired ones included, so their owner sees them), newest first. */
  Future<List<ApiToken>> listUnrevoked(UUID userId);

  Future<Optional<ApiToken>> findUnrevoked(UUID tokenId);

  Future<Void> revoke(UUID tokenId);

  /**
   * The active user a live token belongs to, with the token's scopes, recording the use; last_used_at is written at most
   * once a minute per token so authentication stays a read in the common case.
   */
  Future<Optional<ScopedUser>> useLiveToken(byte[] tokenHash);
}
