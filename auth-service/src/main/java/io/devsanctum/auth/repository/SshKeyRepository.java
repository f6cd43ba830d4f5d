package io.devsanctum.auth.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
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
  Future<SshKey> insert(SshKey key, AuditRecord audit);

  /** A page of the user's keys, newest first. */
  Future<Page<SshKey>> page(UUID userId, PageRequest page);

  Future<Optional<SshKey>> find(UUID keyId);

  /** Each write here stores {@code audit} (its record) in the outbox in the same transaction. */
  Future<Void> delete(UUID keyId, AuditRecord audit);

  /** The active user the key with {@code fingerprint} belongs to (a read: asking is not use). */
  Future<Optional<StoredUser>> owner(String fingerprint);

  /**
   * Records a use of the key with {@code fingerprint} (a sign-in its signature proved); last_used_at
   * is written at most once a minute per key, so that sign-ins in a row cost one write.
   */
  Future<Void> recordUse(String fingerprint);
}
