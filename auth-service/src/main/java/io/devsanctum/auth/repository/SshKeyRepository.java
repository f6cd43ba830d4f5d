package io.devsanctum.auth.repository;

import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.common.contract.auth.SshKey;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** Users' SSH public keys. */
public interface SshKeyRepository {

  /** Fails with {@link DuplicateKeyException} ("name" or "publicKey") for a taken name or an already registered key. */
  Future<SshKey> insert(SshKey key);

  /** A page of the user's keys, newest first. */
  Future<Page<SshKey>> page(UUID userId, PageRequest page);

  Future<Optional<SshKey>> find(UUID keyId);

  Future<Void> delete(UUID keyId);

  /**
   * The active user the key with {@code fingerprint} belongs to, recording the use; last_used_at
   * is written at most once a minute per key so that sign-in stays a read in the common case.
   */
  Future<Optional<StoredUser>> useKey(String fingerprint);
}
