package io.devsanctum.auth.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.common.contract.auth.SshKey;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users' SSH public keys. */
public interface SshKeyRepository {

  /** Fails with {@link DuplicateKeyException} ("name" or "publicKey") for a taken name or an already registered key. */
  Future<SshKey> insert(SshKey key, AuditRecord audit);

  /** The user's keys, newest first. */
  Future<List<SshKey>> list(UUID userId);

  Future<Optional<SshKey>> find(UUID keyId);

  /** Each write here stores {@code audit} (its record) in the outbox in the same transaction. */
  Future<Void> delete(UUID keyId, AuditRecord audit);

  /**
   * The active user the key with {@code fingerprint} belongs to, recording the use; last_used_at
   * is written at most once a minute per key so that sign-in stays a read in the common case.
   */
  Future<Optional<StoredUser>> useKey(String fingerprint);
}
