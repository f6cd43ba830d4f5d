package io.devsanctum.workspace.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Quota;
import io.vertx.core.Future;
import java.util.UUID;

public interface QuotaRepository {

  /** The user's quota; unlimited when none was set. */
  Future<Quota> find(UUID userId);

  /** Saves the quota with {@code audit}, the record of the change, in one transaction. */
  Future<Void> save(Quota quota, AuditRecord audit);

  /** Forgets the user's quota (their account is going away). */
  Future<Void> delete(UUID userId);
}
