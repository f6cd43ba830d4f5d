package io.devsanctum.auth.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Audit records waiting to reach the audit log. The repositories here write a change's record into
 * the outbox in the change's own transaction (the record is an argument of the write); this port
 * hands them on.
 */
public interface AuditOutbox {

  /**
   * Takes up to {@code batch} of the oldest waiting records that no other instance is delivering,
   * gives them to {@code deliver}, and removes them once it succeeded (kept for the next pass if
   * it failed); how many were delivered.
   */
  Future<Integer> deliver(int batch, Function<List<AuditRecord>, Future<Void>> deliver);
}
