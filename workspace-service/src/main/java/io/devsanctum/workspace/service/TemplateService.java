package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.provisioner.ImageLocation;
import io.devsanctum.common.contract.workspace.NewTemplate;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.TemplateChanges;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.TemplateVersion;
import io.devsanctum.common.contract.workspace.TemplateWarning;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.UnprocessableException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.model.StoredTemplate;
import io.devsanctum.workspace.repository.TemplateRepository;
import io.devsanctum.workspace.repository.UnreadableRecordException;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Templates and their immutable versions. Everyone may read; template admins change them. What is
 * saved has passed {@link TemplateRules}; a stored version that cannot be read anyway (written
 * before a rule existed) leaves its template listed without an active version rather than
 * breaking the list for everyone.
 */
public class TemplateService {

  private static final Logger LOG = LoggerFactory.getLogger(TemplateService.class);

  private final TemplateRepository templates;
  private final WorkspaceContainers containers;

  public TemplateService(TemplateRepository templates, WorkspaceContainers containers) {
    this.templates = templates;
    this.containers = containers;
  }

  /** Creates a template with version 1; the answer warns of Docker hosts that lack its image. */
  public Future<Template> create(Caller caller, NewTemplate template) {
    return insert(caller, template).compose(view -> imageWarnings(template.spec().image()).map(view::withWarnings));
  }

  /** As {@link #create}, without asking about the image: for templates seeded while the hosts may not answer yet. */
  public Future<Template> seed(Caller caller, NewTemplate template) {
    return insert(caller, template);
  }

  private Future<Template> insert(Caller caller, NewTemplate created) {
    WorkspacePolicy.requireTemplateManagement(caller);
    String name = created.name();
    TemplateSpec spec = created.spec();
    WorkspaceNames.require("name", name);
    TemplateRules.validateDisplay(created.displayName(), created.description(), created.icon());
    TemplateRules.validate(spec);
    TemplateSchedule schedule = created.schedule() == null ? TemplateSchedule.DEFAULT : created.schedule();
    TemplateRules.validate(schedule);
    OffsetDateTime now = OffsetDateTime.now();
    StoredTemplate template = new StoredTemplate(UUID.randomUUID(), name, orDefault(created.displayName(), name),
        orDefault(created.description(), ""), orDefault(created.icon(), ""), null, null, caller.userId(), now, now,
        schedule);
    TemplateVersion first = new TemplateVersion(UUID.randomUUID(), template.id(), 1, spec, caller.userId(), now);
    return templates.insert(template, first, AuditRecord.success(caller, AuditAction.TEMPLATE_CREATE, template.id(),
            name, AuditChange.created(Map.of("image", spec.image(), "displayName", template.displayName()))))
        .onSuccess(v -> LOG.info("template {} created by {} (version 1, image {})", name, caller.username(), spec.image()))
        .map(v -> view(template, first, List.of()));
  }

  /** Updates display fields; a spec makes a new version that becomes active. */
  public Future<Template> update(Caller caller, UUID templateId, TemplateChanges details) {
    WorkspacePolicy.requireTemplateManagement(caller);
    TemplateSpec spec = details.spec();
    TemplateRules.validateDisplay(details.displayName(), details.description(), details.icon());
    if (spec != null) {
      TemplateRules.validate(spec);
    }
    if (details.schedule() != null) {
      TemplateRules.validate(details.schedule());
    }
    return require(templateId).compose(current -> {
      StoredTemplate updated = new StoredTemplate(current.id(), current.name(),
          orDefault(details.displayName(), current.displayName()),
          orDefault(details.description(), current.description()),
          orDefault(details.icon(), current.icon()), current.activeVersionId(), current.archivedAt(),
          current.createdBy(), current.createdAt(), OffsetDateTime.now(),
          details.schedule() == null ? current.schedule() : details.schedule());
      AuditChange display = new AuditChange(
          Map.of("displayName", current.displayName(), "description", current.description(), "icon", current.icon(),
              "schedule", ContractJson.toJson(current.schedule()).encode()),
          Map.of("displayName", updated.displayName(), "description", updated.description(), "icon", updated.icon(),
              "schedule", ContractJson.toJson(updated.schedule()).encode()));
      if (spec == null) {
        return templates.update(updated, recorded(caller, AuditAction.TEMPLATE_UPDATE, current, display))
            .compose(v -> view(updated));
      }
      Map<String, String> after = new HashMap<>(display.after());
      after.put("image", spec.image());
      return templates.updateWithNewVersion(updated, spec, caller.userId(), recorded(caller,
              AuditAction.TEMPLATE_VERSION, current, new AuditChange(display.before(), after)))
          .onSuccess(next -> LOG.info("template {} now at version {}", current.name(), next.version()))
          .compose(next -> imageWarnings(spec.image()).map(warnings -> view(updated, next, warnings)));
    });
  }

  /** Archived templates keep their workspaces running but cannot be used for new ones. */
  public Future<Template> archive(Caller caller, UUID templateId) {
    WorkspacePolicy.requireTemplateManagement(caller);
    return require(templateId).compose(current -> {
      StoredTemplate archived = new StoredTemplate(current.id(), current.name(), current.displayName(), current.description(),
          current.icon(), current.activeVersionId(), OffsetDateTime.now(), current.createdBy(),
          current.createdAt(), OffsetDateTime.now(), current.schedule());
      return templates.update(archived, recorded(caller, AuditAction.TEMPLATE_ARCHIVE, current, AuditChange.NONE))
          .compose(v -> view(archived));
    });
  }

  private static AuditRecord recorded(Caller caller, AuditAction action, StoredTemplate template, AuditChange change) {
    return AuditRecord.success(caller, action, template.id(), template.name(), change);
  }

  public Future<Page<Template>> list(Caller caller, boolean includeArchived, PageRequest page) {
    WorkspacePolicy.requireTemplateReading(caller);
    return templates.page(includeArchived, page).compose(listed -> listed.withItems(stored ->
        Future.all(stored.stream().map(this::view).toList()).map(all -> all.<Template>list())));
  }

  public Future<Template> get(Caller caller, UUID templateId) {
    WorkspacePolicy.requireTemplateReading(caller);
    return require(templateId).compose(this::view);
  }

  public Future<Page<TemplateVersion>> versions(Caller caller, UUID templateId, PageRequest page) {
    WorkspacePolicy.requireTemplateReading(caller);
    return require(templateId).compose(t -> templates.versions(templateId, page));
  }

  /** The version a new workspace of this template gets; fails when the template is archived. */
  public Future<TemplateVersion> activeVersionForNewWorkspace(UUID templateId) {
    return require(templateId).compose(template -> template.isArchived()
        ? Future.failedFuture(new UnprocessableException("template '" + template.name() + "' is archived"))
        : activeVersion(template));
  }

  /** NOT_FOUND when there is no such version, UNPROCESSABLE when it is stored in a form that cannot be read. */
  public Future<TemplateVersion> version(UUID versionId) {
    return templates.findVersion(versionId)
        .recover(failure -> Future.failedFuture(failure instanceof UnreadableRecordException
            ? new UnprocessableException("template version " + versionId + " is stored in a form this server"
                + " cannot read; an admin can give its template a new spec")
            : failure))
        .map(found -> found.orElseThrow(() -> new NotFoundException("template version " + versionId + " not found")));
  }

  public Future<TemplateVersion> activeVersion(StoredTemplate template) {
    return version(template.activeVersionId());
  }

  public Future<StoredTemplate> require(UUID templateId) {
    return templates.find(templateId).map(found -> found.orElseThrow(
        () -> new NotFoundException("template " + templateId + " not found")));
  }

  /** The template with its active version, or without it when that cannot be read (the repository logged it). */
  private Future<Template> view(StoredTemplate template) {
    return templates.findVersion(template.activeVersionId())
        .map(found -> view(template, found.orElse(null), List.of()))
        .recover(failure -> failure instanceof UnreadableRecordException
            ? Future.succeededFuture(view(template, null, List.of()))
            : Future.failedFuture(failure));
  }

  private static Template view(StoredTemplate template, TemplateVersion active, List<TemplateWarning> warnings) {
    return new Template(template.id(), template.name(), template.displayName(), template.description(),
        template.icon(), template.isArchived(), template.createdAt(), template.updatedAt(), active,
        template.schedule(), warnings);
  }

  /**
   * Which Docker hosts lack the image, as warnings: the template is saved regardless, since a
   * workspace placed on such a host pulls the image where a registry has it.
   */
  private Future<List<TemplateWarning>> imageWarnings(String image) {
    return containers.locateImage(image).map(location -> warnings(image, location)).otherwise(failure -> {
      LOG.warn("could not ask the Docker hosts whether they have image {}: {}", image, failure.getMessage());
      return List.of(new TemplateWarning("image-unchecked",
          "no Docker host could be asked whether it has image '" + image + "'", List.of()));
    });
  }

  private static List<TemplateWarning> warnings(String image, ImageLocation location) {
    List<TemplateWarning> warnings = new ArrayList<>();
    if (!location.missing().isEmpty()) {
      warnings.add(new TemplateWarning("image-missing", "image '" + image + "' is not on Docker host"
          + (location.missing().size() == 1 ? " " : "s ") + String.join(", ", location.missing())
          + "; a workspace placed there can start only if a registry has the image", location.missing()));
    }
    if (!location.unchecked().isEmpty()) {
      warnings.add(new TemplateWarning("image-unchecked", "Docker host" + (location.unchecked().size() == 1 ? " " : "s ")
          + String.join(", ", location.unchecked()) + " could not be asked whether it has image '" + image + "'",
          location.unchecked()));
    }
    warnings.forEach(warning -> LOG.info("template image warning: {}", warning.detail()));
    return warnings;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
