package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.workspace.model.Template;
import io.devsanctum.workspace.model.TemplateSpec;
import io.devsanctum.workspace.model.TemplateVersion;
import io.devsanctum.workspace.repository.TemplateRepository;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Templates and their immutable versions. Everyone may read; only admins change them. */
public class TemplateService {

  private static final Logger LOG = LoggerFactory.getLogger(TemplateService.class);

  /** Display fields of a template; null leaves a field as it is on update. */
  public record TemplateDetails(String displayName, String description, String icon) {
  }

  /** A template with its active version. */
  public record TemplateView(Template template, TemplateVersion activeVersion) {
  }

  private final TemplateRepository templates;

  public TemplateService(TemplateRepository templates) {
    this.templates = templates;
  }

  public Future<TemplateView> create(Caller caller, String name, TemplateDetails details, TemplateSpec spec) {
    caller.requireAdmin();
    WorkspaceNames.require("name", name);
    TemplateRules.validate(spec);
    OffsetDateTime now = OffsetDateTime.now();
    Template template = new Template(UUID.randomUUID(), name, orDefault(details.displayName(), name),
        orDefault(details.description(), ""), orDefault(details.icon(), ""), null, null, caller.userId(), now, now);
    TemplateVersion first = new TemplateVersion(UUID.randomUUID(), template.id(), 1, spec, caller.userId(), now);
    return templates.insert(template, first)
        .onSuccess(v -> LOG.info("template {} created by {} (version 1, image {})", name, caller.username(), spec.image()))
        .map(v -> new TemplateView(template, first));
  }

  /** Updates display fields; a spec makes a new version that becomes active. */
  public Future<TemplateView> update(Caller caller, UUID templateId, TemplateDetails details, TemplateSpec spec) {
    caller.requireAdmin();
    if (spec != null) {
      TemplateRules.validate(spec);
    }
    return require(templateId).compose(current -> {
      Template updated = new Template(current.id(), current.name(),
          orDefault(details.displayName(), current.displayName()),
          orDefault(details.description(), current.description()),
          orDefault(details.icon(), current.icon()), current.activeVersionId(), current.archivedAt(),
          current.createdBy(), current.createdAt(), OffsetDateTime.now());
      if (spec == null) {
        return templates.update(updated, Optional.empty()).compose(v -> view(updated));
      }
      return templates.latestVersionNumber(templateId).compose(latest -> {
        TemplateVersion next = new TemplateVersion(UUID.randomUUID(), templateId, latest + 1, spec,
            caller.userId(), OffsetDateTime.now());
        return templates.update(updated, Optional.of(next))
            .onSuccess(v -> LOG.info("template {} now at version {}", current.name(), next.version()))
            .map(v -> new TemplateView(updated, next));
      });
    });
  }

  /** Archived templates keep their workspaces running but cannot be used for new ones. */
  public Future<TemplateView> archive(Caller caller, UUID templateId) {
    caller.requireAdmin();
    return require(templateId).compose(current -> {
      Template archived = new Template(current.id(), current.name(), current.displayName(), current.description(),
          current.icon(), current.activeVersionId(), OffsetDateTime.now(), current.createdBy(),
          current.createdAt(), OffsetDateTime.now());
      return templates.update(archived, Optional.empty()).compose(v -> view(archived));
    });
  }

  public Future<List<TemplateView>> list(boolean includeArchived) {
    return templates.list(includeArchived).compose(list -> Future.all(list.stream().map(this::view).toList())
        .map(all -> all.<TemplateView>list()));
  }

  public Future<TemplateView> get(UUID templateId) {
    return require(templateId).compose(this::view);
  }

  public Future<List<TemplateVersion>> versions(UUID templateId) {
    return require(templateId).compose(t -> templates.versions(templateId));
  }

  /** The version a new workspace of this template gets; fails when the template is archived. */
  public Future<TemplateVersion> activeVersionForNewWorkspace(UUID templateId) {
    return require(templateId).compose(template -> template.isArchived()
        ? Future.failedFuture(ErrorCode.UNPROCESSABLE.exception("template '" + template.name() + "' is archived"))
        : activeVersion(template));
  }

  public Future<TemplateVersion> version(UUID versionId) {
    return templates.findVersion(versionId).map(found -> found.orElseThrow(
        () -> ErrorCode.NOT_FOUND.exception("template version " + versionId + " not found")));
  }

  public Future<TemplateVersion> activeVersion(Template template) {
    return version(template.activeVersionId());
  }

  public Future<Template> require(UUID templateId) {
    return templates.find(templateId).map(found -> found.orElseThrow(
        () -> ErrorCode.NOT_FOUND.exception("template " + templateId + " not found")));
  }

  private Future<TemplateView> view(Template template) {
    return activeVersion(template).map(version -> new TemplateView(template, version));
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
