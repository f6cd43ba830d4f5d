package io.devsanctum.workspace.controller;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditContract;
import io.devsanctum.common.contract.audit.AuditFilter;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.service.AuditService;
import io.vertx.core.Future;
import java.util.List;

/** workspace-service's side of {@link AuditContract}. */
public class AuditEndpoint implements AuditContract {

  private final AuditService audit;

  public AuditEndpoint(AuditService audit) {
    this.audit = audit;
  }

  @Override
  public Future<Void> append(List<AuditRecord> records) {
    return audit.append(records);
  }

  @Override
  public Future<Page<AuditRecord>> page(Caller caller, AuditFilter filter, PageRequest page) {
    return audit.page(caller, filter, page);
  }
}
