package io.devsanctum.workspace.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditFilter;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.repository.AuditLog;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a whole: records that come from elsewhere (auth-service's outbox, the gateway),
 * reading it (only callers holding {@code audit.read}), and its retention.
 */
public class AuditService {

  private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

  private final AuditLog log;
  private final Duration retention;
  private final Clock clock;

  public AuditService(AuditLog log, Duration retention, Clock clock) {
    this.log = log;
    this.retention = retention;
    this.clock = clock;
  }

  public Future<Void> append(List<AuditRecord> records) {
    return log.append(records);
  }

  public Future<Page<AuditRecord>> page(Caller caller, AuditFilter filter, PageRequest page) {
    AccessPolicy.refusal(caller, Permission.AUDIT_READ).ifPresent(refusal -> {
      throw new ForbiddenException(refusal);
    });
    if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
      throw new InvalidInputException("from", "must be before to");
    }
    return log.page(filter, page);
  }

  /** Removes the records older than the retention; the log's only removal. */
  public Future<Integer> applyRetention() {
    return log.removeOlderThan(OffsetDateTime.now(clock).minus(retention)).onSuccess(removed -> {
      if (removed > 0) {
        LOG.info("audit retention: removed {} records older than {} days", removed, retention.toDays());
      }
    });
  }
}
