package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.workspace.repository.QuotaRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.vertx.core.Future;
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
    return users.requireUser(caller, quota.userId()).compose(exists -> quotas.save(quota)).map(quota);
  }

  /** Forgets the user's quota, when their account is deleted. */
  public Future<Void> remove(UUID userId) {
    return quotas.delete(userId);
  }

  /** Fails CONFLICT, naming the limit, when one more workspace would exceed the owner's quota. */
  public Future<Void> checkNewWorkspace(UUID ownerId, TemplateSpec spec) {
    return check(ownerId, spec, 1);
  }

  /** Fails CONFLICT, naming the limit, when starting a workspace would exceed the owner's quota. */
  public Future<Void> checkStart(UUID ownerId, TemplateSpec spec) {
    return check(ownerId, spec, 0);
  }

  private Future<Void> check(UUID ownerId, TemplateSpec spec, int newWorkspaces) {
    return quotas.find(ownerId).compose(quota -> workspaces.usage(ownerId).map(usage -> {
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
      return null;
    }));
  }
}
