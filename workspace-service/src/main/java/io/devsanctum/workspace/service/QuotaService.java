package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.workspace.repository.QuotaRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository.Usage;
import io.devsanctum.workspace.repository.WorkspaceRepository.UsageCheck;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Per-user limits, set by admins and checked before a workspace is created or started. */
public class QuotaService {

  private final QuotaRepository quotas;
  private final WorkspaceRepository workspaces;
  private final UserDirectory users;

  public QuotaService(QuotaRepository quotas, WorkspaceRepository workspaces, UserDirectory users) {
    this.quotas = quotas;
    this.workspaces = workspaces;
    this.users = users;
  }

  public Future<Quota> get(Caller caller, UUID userId) {
    WorkspacePolicy.requireQuotaAccess(caller, userId);
    return users.requireUser(caller, userId).compose(exists -> quotas.find(userId));
  }

  /** Only for a user who exists: a quota of nobody would be a row nothing ever reads. */
  public Future<Quota> set(Caller caller, Quota quota) {
    WorkspacePolicy.requireQuotaManagement(caller);
    for (Integer limit : new Integer[] {quota.maxWorkspaces(), quota.maxCpuMillis(), quota.maxMemoryMb()}) {
      if (limit != null && limit < 0) {
        throw new InvalidInputException("quota", "limits are zero or more (or null for unlimited)");
      }
    }
    return users.requireUser(caller, quota.userId())
        .compose(user -> {
          WorkspacePolicy.requireQuotaManagement(caller, user.role());
          return quotas.find(quota.userId()).compose(before -> quotas.save(quota, AuditRecord.success(caller,
              AuditAction.USER_QUOTA_CHANGE, quota.userId(), user.username(),
              new AuditChange(limits(before), limits(quota)))));
        })
        .map(quota);
  }

  private static Map<String, String> limits(Quota quota) {
    Map<String, String> limits = new LinkedHashMap<>();
    limits.put("maxWorkspaces", String.valueOf(quota.maxWorkspaces()));
    limits.put("maxCpuMillis", String.valueOf(quota.maxCpuMillis()));
    limits.put("maxMemoryMb", String.valueOf(quota.maxMemoryMb()));
    return limits;
  }

  /** Forgets the user's quota, when their account is deleted. */
  public Future<Void> remove(UUID userId) {
    return quotas.delete(userId);
  }

  /**
   * What one more workspace of {@code spec} must leave within the owner's quota: a check of the
   * owner's usage that fails CONFLICT, naming the limit. The repository applies it to the usage it
   * reads in the same transaction as the insert, with the owner's other creates and starts held
   * back, so concurrent requests cannot together exceed the quota.
   */
  public Future<UsageCheck> newWorkspaceCheck(UUID ownerId, TemplateSpec spec) {
    return quotas.find(ownerId).map(quota -> usage -> refuse(quota, usage, spec, 1));
  }

  /** As {@link #newWorkspaceCheck}, for starting an existing workspace (its CPU and memory). */
  public Future<UsageCheck> startCheck(UUID ownerId, TemplateSpec spec) {
    return quotas.find(ownerId).map(quota -> usage -> refuse(quota, usage, spec, 0));
  }

  /**
   * For a running workspace that stops to start again on {@code next} (a restart, an update, new
   * parameters): what it holds now is given back first, as its restart will hold {@code next}.
   */
  public Future<UsageCheck> restartCheck(UUID ownerId, TemplateSpec current, TemplateSpec next) {
    return quotas.find(ownerId).map(quota -> usage -> refuse(quota, new Usage(usage.workspaces(),
        usage.cpuMillis() - current.cpuMillis(), usage.memoryMb() - current.memoryMb()), next, 0));
  }

  /** The quota rule itself: throws CONFLICT, naming the limit, when the usage plus the request exceeds it. */
  static void refuse(Quota quota, Usage usage, TemplateSpec spec, int newWorkspaces) {
    if (quota.maxWorkspaces() != null && usage.workspaces() + newWorkspaces > quota.maxWorkspaces()) {
      throw new ConflictException("quota exceeded: max_workspaces is " + quota.maxWorkspaces()
          + " and " + usage.workspaces() + " exist");
    }
    if (quota.maxCpuMillis() != null && usage.cpuMillis() + spec.cpuMillis() > quota.maxCpuMillis()) {
      throw new ConflictException("quota exceeded: max_cpu_millis is " + quota.maxCpuMillis()
          + "; running workspaces use " + usage.cpuMillis() + " and this one needs " + spec.cpuMillis());
    }
    if (quota.maxMemoryMb() != null && usage.memoryMb() + spec.memoryMb() > quota.maxMemoryMb()) {
      throw new ConflictException("quota exceeded: max_memory_mb is " + quota.maxMemoryMb()
          + "; running workspaces use " + usage.memoryMb() + " and this one needs " + spec.memoryMb());
    }
  }
}
