package io.devsanctum.common.contract.audit;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.Idempotent;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.util.List;

/**
 * The audit log, kept by workspace-service in its schema. Append-only: there is no operation to
 * change or remove a record (only the retention of the log's own service removes old ones).
 */
public interface AuditContract {

  String ADDRESS = WorkspaceContract.ADDRESS + ".audit";

  /**
   * Stores records made elsewhere: auth-service's outbox, the gateway's refusals, sign-ins failed,
   * workspace handoffs and SSH sessions. A record already stored (same id) is stored once.
   */
  @Idempotent
  Future<Void> append(List<AuditRecord> records);

  /** A page of what the filter selects, newest first; only callers holding {@code audit.read}. */
  @Idempotent
  Future<Page<AuditRecord>> page(Caller caller, AuditFilter filter, PageRequest page);
}
