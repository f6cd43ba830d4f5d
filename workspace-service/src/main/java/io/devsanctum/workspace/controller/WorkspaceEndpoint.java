package io.devsanctum.workspace.controller;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogPage;
import io.devsanctum.common.contract.workspace.NewTemplate;
import io.devsanctum.common.contract.workspace.NewWorkspace;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.TemplateChanges;
import io.devsanctum.common.contract.workspace.TemplateVersion;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.devsanctum.workspace.service.QuotaService;
import io.devsanctum.workspace.service.TemplateService;
import io.devsanctum.workspace.service.WorkspaceActivity;
import io.devsanctum.workspace.service.WorkspaceSchedules;
import io.devsanctum.workspace.service.WorkspaceService;
import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;

/** workspace-service's side of {@link WorkspaceContract}: each call to the service that decides it. */
public class WorkspaceEndpoint implements WorkspaceContract {

  private final TemplateService templates;
  private final WorkspaceService workspaces;
  private final QuotaService quotas;
  private final WorkspaceActivity activity;
  private final WorkspaceSchedules schedules;

  public WorkspaceEndpoint(TemplateService templates, WorkspaceService workspaces, QuotaService quotas,
      WorkspaceActivity activity, WorkspaceSchedules schedules) {
    this.templates = templates;
    this.workspaces = workspaces;
    this.quotas = quotas;
    this.activity = activity;
    this.schedules = schedules;
  }

  @Override
  public Future<Page<Template>> listTemplates(Caller caller, boolean includeArchived, PageRequest page) {
    return templates.list(caller, includeArchived, page);
  }

  @Override
  public Future<Template> getTemplate(Caller caller, UUID templateId) {
    return templates.get(caller, templateId);
  }

  @Override
  public Future<Template> createTemplate(Caller caller, NewTemplate template) {
    return templates.create(caller, template);
  }

  @Override
  public Future<Template> updateTemplate(Caller caller, UUID templateId, TemplateChanges changes) {
    return templates.update(caller, templateId, changes);
  }

  @Override
  public Future<Template> archiveTemplate(Caller caller, UUID templateId) {
    return templates.archive(caller, templateId);
  }

  @Override
  public Future<Page<TemplateVersion>> templateVersions(Caller caller, UUID templateId, PageRequest page) {
    return templates.versions(caller, templateId, page);
  }

  @Override
  public Future<Workspace> createWorkspace(Caller caller, NewWorkspace workspace) {
    return workspaces.create(caller, workspace.templateId(), workspace.name(), workspace.parameters());
  }

  @Override
  public Future<Page<Workspace>> listWorkspaces(Caller caller, UUID ownerId, WorkspaceState state, UUID templateId,
      Boolean dormant, PageRequest page) {
    return workspaces.list(caller, new WorkspaceRepository.Filter(ownerId, state, templateId,
        Boolean.TRUE.equals(dormant) ? WorkspaceRepository.Dormancy.DORMANT : WorkspaceRepository.Dormancy.AWAKE), page);
  }

  @Override
  public Future<Workspace> getWorkspace(Caller caller, UUID workspaceId) {
    return workspaces.get(caller, workspaceId);
  }

  @Override
  public Future<Workspace> workspaceNamed(Caller caller, String ownerName, String name) {
    return workspaces.named(caller, ownerName, name);
  }

  @Override
  public Future<Workspace> transition(Caller caller, UUID workspaceId, WorkspaceAction action) {
    return workspaces.transition(caller, workspaceId, action);
  }

  @Override
  public Future<Workspace> setSharing(Caller caller, UUID workspaceId, String sharing) {
    return workspaces.setSharing(caller, workspaceId, sharing);
  }

  @Override
  public Future<Workspace> setParameters(Caller caller, UUID workspaceId, Map<String, String> parameters) {
    return workspaces.setParameters(caller, workspaceId, parameters);
  }

  @Override
  public Future<Void> recordActivity(Caller caller, UUID workspaceId) {
    return activity.record(caller, workspaceId);
  }

  @Override
  public Future<Workspace> setSchedule(Caller caller, UUID workspaceId, WorkspaceSchedule schedule) {
    return schedules.set(caller, workspaceId, schedule);
  }

  @Override
  public Future<Workspace> wake(Caller caller, UUID workspaceId) {
    return schedules.wake(caller, workspaceId);
  }

  @Override
  public Future<Workspace> extend(Caller caller, UUID workspaceId) {
    return schedules.extend(caller, workspaceId);
  }

  @Override
  public Future<Page<Deployment>> deployments(Caller caller, UUID workspaceId, PageRequest page) {
    return workspaces.deployments(caller, workspaceId, page);
  }

  @Override
  public Future<DeploymentLogPage> deploymentLog(Caller caller, UUID workspaceId, int number, int afterLine) {
    if (number < 1) {
      throw new InvalidInputException("number", "deployments are numbered from 1");
    }
    if (afterLine < 0) {
      throw new InvalidInputException("after", "a line number, 0 or more");
    }
    return workspaces.deployment(caller, workspaceId, number)
        .compose(deployment -> workspaces.logs(caller, workspaceId, number, afterLine)
            .map(lines -> new DeploymentLogPage(deployment, lines)));
  }

  @Override
  public Future<Integer> releaseOwner(Caller caller, UUID ownerId, boolean deleteWorkspaces) {
    return workspaces.releaseOwner(caller, ownerId, deleteWorkspaces);
  }

  @Override
  public Future<Quota> quota(Caller caller, UUID userId) {
    return quotas.get(caller, userId);
  }

  @Override
  public Future<Quota> setQuota(Caller caller, Quota quota) {
    return quotas.set(caller, quota);
  }
}
