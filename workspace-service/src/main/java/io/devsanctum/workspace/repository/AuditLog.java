package io.devsanctum.workspace.repository;

import io.devsanctum.common.contract.audit.AuditFilter;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The audit log's store. A change this service makes is recorded by the repository that writes
 * it, in the same transaction (the record is an argument of its write); this port stores records
 * that come without a change of their own (refusals, other services' outboxes) and reads them.
 */
public interface AuditLog {

  /** Stores the records in one transaction; one already stored (same id) is kept as it was. */
  Future<Void> append(List<AuditRecord> records);

  /** One page of what the filter selects, newest first (occurred at, then id). */
  Future<Page<AuditRecord>> page(AuditFilter filter, PageRequest page);

  /** Removes the records that occurred before {@code cutoff} (the retention); how many. */
  Future<Integer> removeOlderThan(OffsetDateTime cutoff);
}
